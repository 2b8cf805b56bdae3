import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import {
	BOARD_HEIGHT,
	BOARD_WIDTH,
	NOTE_TEXT_MAX,
	clampPosition,
	cleanNoteText,
	hasNote,
	insertNote,
	matchPrompt,
	nextNotePosition,
	noteCount,
	notesOf,
	readNote,
	readNotes,
	removeNote,
	updateNote,
	type Note
} from './notes.ts';

const note = (id: string, createdAt: number, extra: Partial<Note> = {}): Note => ({
	id,
	text: `idée ${id}`,
	x: 100,
	y: 200,
	color: 'pink',
	authorId: 'p1',
	authorCategory: 'usager',
	createdAt,
	updatedAt: createdAt,
	...extra
});

describe('cleanNoteText', () => {
	test('trims and keeps inner line breaks, normalizing Windows and old Mac ones', () => {
		expect(cleanNoteText('  Plus de bancs\r\nà l’accueil\r ')).toBe('Plus de bancs\nà l’accueil');
		expect(cleanNoteText('a\rb')).toBe('a\nb');
	});

	test.each([
		['empty', ''],
		['white space only', ' \n\t '],
		['a number', 42],
		['null', null],
		['an object', { text: 'x' }]
	])('refuses %s', (_label, input) => {
		expect(cleanNoteText(input)).toBeNull();
	});

	test(`allows ${NOTE_TEXT_MAX} characters and refuses one more`, () => {
		expect(cleanNoteText('é'.repeat(NOTE_TEXT_MAX))).toHaveLength(NOTE_TEXT_MAX);
		expect(cleanNoteText('é'.repeat(NOTE_TEXT_MAX + 1))).toBeNull();
	});

	test('counts an emoji as one character, not two UTF-16 units', () => {
		const emoji = '🌻'.repeat(NOTE_TEXT_MAX);
		expect(emoji.length).toBe(2 * NOTE_TEXT_MAX);
		expect(cleanNoteText(emoji)).toBe(emoji);
		expect(cleanNoteText(`${emoji}!`)).toBeNull();
	});

	test('surrounding white space does not count toward the limit', () => {
		expect(cleanNoteText(`   ${'a'.repeat(NOTE_TEXT_MAX)}   `)).toHaveLength(NOTE_TEXT_MAX);
	});
});

describe('clampPosition', () => {
	test('keeps a position on the board, rounded to whole units', () => {
		expect(clampPosition(10.4, 20.6)).toEqual({ x: 10, y: 21 });
		expect(clampPosition(-50, -1)).toEqual({ x: 0, y: 0 });
		expect(clampPosition(BOARD_WIDTH + 1, BOARD_HEIGHT * 10)).toEqual({ x: BOARD_WIDTH, y: BOARD_HEIGHT });
	});

	test('puts a non-number position at the origin instead of storing NaN', () => {
		expect(clampPosition(NaN, 5)).toEqual({ x: 0, y: 5 });
		expect(clampPosition(Infinity, -Infinity)).toEqual({ x: 0, y: 0 });
	});
});

describe('nextNotePosition', () => {
	test('places new notes on distinct spots of a grid, on the board', () => {
		const spots = Array.from({ length: 40 }, (_, i) => nextNotePosition(i));
		expect(new Set(spots.map((p) => `${p.x},${p.y}`)).size).toBe(40);
		for (const p of spots) expect(clampPosition(p.x, p.y)).toEqual(p);
		expect(nextNotePosition(10_000)).toEqual(clampPosition(Infinity, Infinity).x === 0 ? nextNotePosition(10_000) : null);
	});
});

describe('notes in the Yjs document', () => {
	test('an inserted note reads back as it was written', () => {
		const doc = new Y.Doc();
		const n = note('a', 1);
		insertNote(doc, n);
		expect(hasNote(doc, 'a')).toBe(true);
		expect(readNotes(doc)).toEqual([n]);
	});

	test('the origin tags the change, so persistence and undo can tell commands apart', () => {
		const doc = new Y.Doc();
		const origins: unknown[] = [];
		doc.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin));
		insertNote(doc, note('a', 1), 'live');
		updateNote(doc, 'a', { text: 'b' }, 2, 'live');
		removeNote(doc, 'a', 'live');
		expect(origins).toEqual(['live', 'live', 'live']);
	});

	test('an update changes only the given fields and stamps updatedAt', () => {
		const doc = new Y.Doc();
		insertNote(doc, note('a', 1));
		expect(updateNote(doc, 'a', { text: 'modifiée', x: 300, color: undefined }, 50)).toBe(true);
		expect(readNotes(doc)[0]).toEqual({ ...note('a', 1), text: 'modifiée', x: 300, updatedAt: 50 });
	});

	test('updating or removing a missing note says so and changes nothing', () => {
		const doc = new Y.Doc();
		insertNote(doc, note('a', 1));
		const before = Y.encodeStateVector(doc);
		expect(updateNote(doc, 'ghost', { text: 'x' }, 2)).toBe(false);
		expect(removeNote(doc, 'ghost')).toBe(false);
		expect(Y.encodeStateVector(doc)).toEqual(before);
	});

	test('a removed note is gone', () => {
		const doc = new Y.Doc();
		insertNote(doc, note('a', 1));
		insertNote(doc, note('b', 2));
		expect(removeNote(doc, 'a')).toBe(true);
		expect(hasNote(doc, 'a')).toBe(false);
		expect(readNotes(doc).map((n) => n.id)).toEqual(['b']);
	});

	test('notes are listed oldest first, ties by id, whatever the insertion order', () => {
		const notes = [note('c', 5), note('b', 5), note('z', 1), note('a', 9)];
		const forward = new Y.Doc();
		const backward = new Y.Doc();
		for (const n of notes) insertNote(forward, n);
		for (const n of [...notes].reverse()) insertNote(backward, n);
		expect(readNotes(forward).map((n) => n.id)).toEqual(['z', 'b', 'c', 'a']);
		expect(readNotes(backward)).toEqual(readNotes(forward));
	});

	test('two clients that add notes concurrently list them in the same order once synced', () => {
		const one = new Y.Doc();
		const two = new Y.Doc();
		insertNote(one, note('x', 3));
		insertNote(two, note('w', 3));
		insertNote(two, note('y', 1));
		Y.applyUpdate(one, Y.encodeStateAsUpdate(two));
		Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
		expect(readNotes(one).map((n) => n.id)).toEqual(['y', 'w', 'x']);
		expect(readNotes(two)).toEqual(readNotes(one));
	});
});

describe('readNote never trusts the document', () => {
	const entry = (fields: Record<string, unknown>) => {
		const doc = new Y.Doc();
		const m = new Y.Map<unknown>();
		notesOf(doc).set('n', m);
		for (const [k, v] of Object.entries(fields)) m.set(k, v);
		return { doc, m };
	};

	test('an entry without text is not a note', () => {
		const { doc, m } = entry({ x: 1, y: 2 });
		expect(readNote('n', m)).toBeNull();
		expect(readNotes(doc)).toEqual([]);
		expect(readNote('n', entry({ text: 42 }).m)).toBeNull();
	});

	test('wrong-typed fields fall back to safe defaults', () => {
		const { m } = entry({ text: 'ok', x: '12', y: null, color: 'red; background: url(x)', createdAt: 'yesterday' });
		expect(readNote('n', m)).toEqual({
			id: 'n',
			text: 'ok',
			x: 0,
			y: 0,
			color: 'yellow',
			authorId: '',
			authorCategory: 'autre',
			createdAt: 0,
			updatedAt: 0
		});
	});

	test('a value in the notes map that is not a map is skipped, the others still listed', () => {
		const doc = new Y.Doc();
		insertNote(doc, note('good', 1));
		(notesOf(doc) as unknown as Y.Map<unknown>).set('bad', 'just a string');
		expect(readNotes(doc).map((n) => n.id)).toEqual(['good']);
	});
});

describe('note origin (notes carried over from an earlier workshop of a series)', () => {
	test('is read back when well-formed, and ignored when not', () => {
		const doc = new Y.Doc();
		const origin = { workshopId: 'w1', workshopTitle: 'Atelier 1', sessionKey: 'agents', noteId: 'n1' };
		insertNote(doc, note('carried', 1, { origin }));
		insertNote(doc, note('plain', 2));
		insertNote(doc, note('forged', 3));
		notesOf(doc).get('forged')!.set('origin', { workshopId: 5 });
		const byId = Object.fromEntries(readNotes(doc).map((n) => [n.id, n]));
		expect(byId.carried.origin).toEqual(origin);
		expect('origin' in byId.plain).toBe(false);
		expect(byId.forged.origin).toBeUndefined();
	});
});

describe('a note’s prompt', () => {
	test('is one of the phase’s prompts, none, or refused', () => {
		const prompts = ['Fond — obstacles', 'Fond — leviers'];
		expect(matchPrompt(undefined, prompts)).toBeUndefined();
		expect(matchPrompt('Fond — leviers', prompts)).toBe('Fond — leviers');
		expect(matchPrompt('Forme — inventée', prompts)).toBeNull();
		expect(matchPrompt('Fond — leviers', undefined)).toBeNull();
	});

	test('is read back from the document, and a non-text prompt is ignored', () => {
		const doc = new Y.Doc();
		insertNote(doc, { id: 'a', text: 'x', x: 0, y: 0, color: 'yellow', authorId: '', authorCategory: 'agent', createdAt: 1, updatedAt: 1, prompt: 'Fond — leviers' });
		expect(readNotes(doc)[0].prompt).toBe('Fond — leviers');
		notesOf(doc).get('a')!.set('prompt', 42);
		expect(readNotes(doc)[0].prompt).toBeUndefined();
	});
});

describe('noteCount', () => {
	test('counts the notes on the board, not the deleted ones, as Y.Map size does', () => {
		const doc = new Y.Doc();
		expect(noteCount(doc)).toBe(0);
		for (let i = 0; i < 5; i++) insertNote(doc, note(`n${i}`, i));
		removeNote(doc, 'n2');
		insertNote(doc, note('n1', 9, { text: 'rewritten' }));
		expect(noteCount(doc)).toBe(4);
		expect(noteCount(doc)).toBe(notesOf(doc).size);
	});

	test('stays right as notes come and go, from this document, inside a transaction and from another copy', () => {
		const doc = new Y.Doc();
		const other = new Y.Doc();
		other.on('update', (u: Uint8Array) => Y.applyUpdate(doc, u));
		expect(noteCount(doc)).toBe(0);
		for (let i = 0; i < 10; i++) insertNote(doc, note(`n${i}`, i));
		expect(noteCount(doc)).toBe(10);
		doc.transact(() => {
			insertNote(doc, note('t1', 1));
			// Asked again inside the same transaction: the new note already counts.
			expect(noteCount(doc)).toBe(11);
			insertNote(doc, note('t2', 2));
			removeNote(doc, 't2');
			removeNote(doc, 'n0');
		});
		expect(noteCount(doc)).toBe(10);
		Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
		insertNote(other, note('far', 3));
		removeNote(other, 'n1');
		insertNote(other, note('n2', 4, { text: 'rewritten elsewhere' }));
		expect(noteCount(doc)).toBe(notesOf(doc).size);
		expect(noteCount(doc)).toBe(10);
	});
});
