import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import { insertNote, readNotes, type Note } from '../board/notes.ts';
import { carriedNoteId, carriedNotes } from './carry-over.ts';

const note = (id: string, text: string, category: Note['authorCategory'], extra: Partial<Note> = {}): Note => ({
	id, text, x: 10, y: 10, color: 'green', authorId: `p-${id}`, authorCategory: category, createdAt: 1, updatedAt: 1, ...extra
});

describe('carrying notes into a later workshop of a series', () => {
	const agents = { workshopId: 'w1', workshopTitle: 'Atelier 1 : les agents', sessionKey: 'agents', notes: [note('a', 'Respect mutuel', 'agent')] };
	const usagers = { workshopId: 'w2', workshopTitle: 'Atelier 2 : les usagers', sessionKey: 'usagers', notes: [note('b', 'Plus de temps au guichet', 'usager')] };

	test('keeps the order of the sessions, whatever the ids', () => {
		const late = { ...agents, workshopId: 'zz' };
		const early = { ...usagers, workshopId: 'aa' };
		expect(readNotesOf(carriedNotes([late, early], 5)).map((n) => n.origin?.sessionKey)).toEqual(['agents', 'usagers']);
	});

	test('brings every note with where it came from, and not who wrote it', () => {
		const doc = new Y.Doc();
		for (const n of carriedNotes([agents, usagers], 1000)) insertNote(doc, n);
		const notes = readNotes(doc);
		expect(notes.map((n) => [n.text, n.authorCategory, n.authorId, n.origin?.sessionKey, n.origin?.workshopTitle])).toEqual([
			['Respect mutuel', 'agent', '', 'agents', 'Atelier 1 : les agents'],
			['Plus de temps au guichet', 'usager', '', 'usagers', 'Atelier 2 : les usagers']
		]);
		expect(notes[0].origin).toEqual({ workshopId: 'w1', workshopTitle: 'Atelier 1 : les agents', sessionKey: 'agents', noteId: 'a' });
	});

	test('carrying twice does not duplicate, and already-carried notes are skipped', () => {
		const doc = new Y.Doc();
		const again = { ...usagers, notes: [...usagers.notes, note('c', 'déjà importée', 'agent', { origin: { workshopId: 'w0', workshopTitle: 'x', sessionKey: 'x', noteId: 'z' } })] };
		for (const n of carriedNotes([agents, again], 1)) insertNote(doc, n);
		for (const n of carriedNotes([agents, again], 2)) insertNote(doc, n);
		expect(readNotes(doc).map((n) => n.text).sort()).toEqual(['Plus de temps au guichet', 'Respect mutuel']);
	});

	test('a re-import brings only the notes not imported yet (a deleted import stays deleted), laid out after the board', () => {
		const first = carriedNotes([agents, usagers], 1);
		const later = { ...agents, notes: [...agents.notes, note('d', 'Écrite après le premier import', 'agent')] };
		const imported = new Set(first.map((n) => n.id));
		const again = carriedNotes([later, usagers], 2, { imported, boardSize: 7 });
		expect(again.map((n) => [n.id, n.text, n.origin?.sessionKey])).toEqual([[carriedNoteId('w1', 'd'), 'Écrite après le premier import', 'agents']]);
		expect({ x: again[0].x, y: again[0].y }).not.toEqual({ x: first[0].x, y: first[0].y });
		expect(carriedNotes([later, usagers], 3, { imported: new Set([...imported, carriedNoteId('w1', 'd')]), boardSize: 8 })).toEqual([]);
	});
});

function readNotesOf(notes: Note[]): Note[] {
	const doc = new Y.Doc();
	for (const n of notes) insertNote(doc, n);
	return readNotes(doc);
}
