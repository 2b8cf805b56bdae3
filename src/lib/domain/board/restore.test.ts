import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import { insertNote, readNotes, removeNote, updateNote } from './notes.ts';
import { boardContent, restoreBoard, sameValue } from './restore.ts';
import { assignNotes, createCluster, dissolveCluster, updateCluster } from './clusters.ts';
import { addPersonaItem, createPersona, linkNote, removePersona, setPersonaField } from './personas.ts';
import { ensureScale, placeMarker } from './positioning.ts';
import { createSection, removeSection } from './sections.ts';
import { boardProblems, readBoard } from './board.ts';
import { aNote } from '../../../../test/helpers/notes.ts';

/** A copy of `doc` as a saved version holds it: the encoded state, loaded into a fresh document. */
function saved(doc: Y.Doc): Y.Doc {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	return copy;
}

/** Two documents kept in sync both ways, as a client and the server are. */
function linked(): { server: Y.Doc; client: Y.Doc } {
	const server = new Y.Doc();
	const client = new Y.Doc();
	server.on('update', (u: Uint8Array, origin: unknown) => origin !== 'net' && Y.applyUpdate(client, u, 'net'));
	client.on('update', (u: Uint8Array, origin: unknown) => origin !== 'net' && Y.applyUpdate(server, u, 'net'));
	return { server, client };
}

const texts = (doc: Y.Doc) => readNotes(doc).map((n) => n.text);

describe('restoreBoard', () => {
	test('brings back deleted notes, removes later ones and undoes edits, on every linked client', () => {
		const { server, client } = linked();
		insertNote(server, aNote('a', { createdAt: 1 }));
		insertNote(server, aNote('b', { createdAt: 2, origin: { workshopId: 'w0', workshopTitle: 'Avant', sessionKey: 's1', noteId: 'x' } }));
		const version = saved(server);

		removeNote(client, 'a');
		updateNote(client, 'b', { text: 'b modifiée', x: 500 }, 9);
		insertNote(client, aNote('c', { createdAt: 3 }));
		expect(texts(server)).toEqual(['b modifiée', 'c']);

		restoreBoard(server, version, 'restore');

		expect(readNotes(server)).toEqual(readNotes(version));
		expect(readNotes(client)).toEqual(readNotes(version));
		expect(boardContent(client)).toBe(boardContent(version));
	});

	test('a note kept by the restore stays the same Y.Map, so it is patched, not replaced', () => {
		const doc = new Y.Doc();
		insertNote(doc, aNote('a', { text: 'avant' }));
		const version = saved(doc);
		const kept = doc.getMap<Y.Map<unknown>>('notes').get('a');
		updateNote(doc, 'a', { text: 'après' }, 5);
		restoreBoard(doc, version);
		expect(doc.getMap<Y.Map<unknown>>('notes').get('a')).toBe(kept);
		expect(kept?.get('text')).toBe('avant');
		expect(kept?.get('updatedAt')).toBe(1);
	});

	test('works on any top-level map and on nested maps, arrays and texts', () => {
		const doc = new Y.Doc();
		const clusters = doc.getMap<Y.Map<unknown>>('clusters');
		const c1 = new Y.Map<unknown>();
		clusters.set('c1', c1);
		c1.set('title', 'Accueil');
		c1.set('noteIds', ['a', 'b']);
		const members = new Y.Array<string>();
		c1.set('members', members);
		members.push(['p1']);
		const quote = new Y.Text('Je ne sais jamais qui appeler');
		doc.getMap('personas').set('quote', quote);
		const style = new Y.Map<unknown>();
		c1.set('style', style);
		style.set('color', 'blue');
		const version = saved(doc);

		c1.set('title', 'Accueil et orientation');
		c1.set('noteIds', ['a']);
		members.push(['p2']);
		quote.insert(0, '« ');
		style.delete('color');
		style.set('shape', 'round');
		clusters.set('c2', new Y.Map());
		doc.getMap('sections').set('s1', 'Constats');

		restoreBoard(doc, version);

		expect(doc.getMap('clusters').toJSON()).toEqual({
			c1: { title: 'Accueil', noteIds: ['a', 'b'], members: ['p1'], style: { color: 'blue' } }
		});
		expect(doc.getMap('personas').toJSON()).toEqual({ quote: 'Je ne sais jamais qui appeler' });
		// A map the version did not have is emptied, not left behind.
		expect(doc.getMap('sections').size).toBe(0);
		expect(boardContent(doc)).toBe(boardContent(version));
	});

	test('the whole board model comes back: clusters, personas with their lists, scales and sections', () => {
		const { server, client } = linked();
		insertNote(server, aNote('n1'));
		insertNote(server, aNote('n2', { createdAt: 2 }));
		createCluster(server, { id: 'c1', label: 'Accueil', now: 1 });
		assignNotes(server, ['n1', 'n2'], 'c1', 2);
		createPersona(server, 'p1', 1, 'Mme Durand');
		addPersonaItem(server, 'p1', 'needs', { id: 'i1', text: 'Être rappelée', authorId: 'f', at: 1 });
		linkNote(server, 'p1', 'n1', true);
		ensureScale(server, 's1', { leftPole: 'idéale', rightPole: 'chaotique' }, 1);
		placeMarker(server, 's1', { participantId: 'u1', category: 'usager', value: 30, at: 1 });
		createSection(server, { id: 'z1', title: 'Constats', x: 0, y: 0, width: 400, height: 300 });
		const version = saved(server);
		const expected = readBoard(version);

		updateCluster(client, 'c1', { label: 'Accueil et orientation' });
		dissolveCluster(client, 'c1', 3);
		setPersonaField(client, 'p1', 'name', 'M. Martin');
		removePersona(client, 'p1');
		placeMarker(client, 's1', { participantId: 'u1', category: 'usager', value: 90, at: 2 });
		removeSection(client, 'z1');
		createPersona(client, 'p2', 2, 'Nouveau');

		restoreBoard(server, version);
		expect(readBoard(server)).toEqual(expected);
		expect(readBoard(client)).toEqual(expected);
		expect(boardProblems(readBoard(client))).toEqual([]);
		// The restored persona is whole again: its lists can take new items.
		expect(addPersonaItem(client, 'p1', 'needs', { id: 'i2', text: 'Un seul interlocuteur', authorId: 'f', at: 3 })).toBe(true);
	});

	test('restoring into a fresh document rebuilds the board; restoring an empty board clears it', () => {
		const doc = new Y.Doc();
		insertNote(doc, aNote('a'));
		doc.getMap('positioning').set('p1', 0.25);
		const fresh = new Y.Doc();
		restoreBoard(fresh, saved(doc));
		expect(readNotes(fresh)).toEqual(readNotes(doc));
		expect(fresh.getMap('positioning').get('p1')).toBe(0.25);

		restoreBoard(fresh, new Y.Doc());
		expect(readNotes(fresh)).toEqual([]);
		expect(boardContent(fresh)).toBe(boardContent(new Y.Doc()));
	});

	test('is idempotent: a second restore of the same version writes nothing', () => {
		const doc = new Y.Doc();
		insertNote(doc, aNote('a'));
		insertNote(doc, aNote('b', { createdAt: 2 }));
		const version = saved(doc);
		removeNote(doc, 'a');
		updateNote(doc, 'b', { color: 'pink' }, 3);

		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		restoreBoard(doc, version);
		expect(updates).toHaveLength(1);
		restoreBoard(doc, version);
		restoreBoard(doc, saved(doc));
		expect(updates).toHaveLength(1);
	});

	test('undoing a restore is restoring the version saved just before it', () => {
		const doc = new Y.Doc();
		insertNote(doc, aNote('a'));
		const first = saved(doc);
		insertNote(doc, aNote('b', { createdAt: 2 }));
		removeNote(doc, 'a');
		const before = saved(doc);

		restoreBoard(doc, first);
		expect(texts(doc)).toEqual(['a']);
		restoreBoard(doc, before);
		expect(texts(doc)).toEqual(['b']);
		expect(boardContent(doc)).toBe(boardContent(before));
	});

	test('a client’s late edit of a note the restore deleted does not bring it back', () => {
		const server = new Y.Doc();
		insertNote(server, aNote('a', { createdAt: 1 }));
		const version = saved(server);
		insertNote(server, aNote('late', { createdAt: 2 }));
		const offline = saved(server);

		restoreBoard(server, version);
		// The offline client moved the note before it heard of the restore.
		const before = Y.encodeStateVector(offline);
		updateNote(offline, 'late', { x: 900 }, 7);
		Y.applyUpdate(server, Y.encodeStateAsUpdate(offline, before));
		Y.applyUpdate(offline, Y.encodeStateAsUpdate(server));

		expect(texts(server)).toEqual(['a']);
		expect(texts(offline)).toEqual(['a']);
	});
});

describe('boardContent and sameValue', () => {
	test('equal boards reached by different histories have the same content; any change shows', () => {
		const a = new Y.Doc();
		insertNote(a, aNote('n1'));
		const b = new Y.Doc();
		insertNote(b, aNote('n1', { text: 'brouillon' }));
		updateNote(b, 'n1', { text: 'n1' }, 1);
		b.getMap('clusters');
		expect(boardContent(a)).toBe(boardContent(b));
		updateNote(b, 'n1', { x: 1 }, 1);
		expect(boardContent(a)).not.toBe(boardContent(b));
	});

	test('compares JSON values and bytes deeply', () => {
		expect(sameValue({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toBe(true);
		expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(false);
		expect(sameValue([1, 2], { 0: 1, 1: 2 })).toBe(false);
		expect(sameValue(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
		expect(sameValue(new Uint8Array([1, 2]), [1, 2])).toBe(false);
		expect(sameValue(null, {})).toBe(false);
	});
});
