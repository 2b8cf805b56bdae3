import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import { insertNote, notesInSection, updateNote, type Note } from './notes.ts';
import { assignNotes, createCluster, dissolveCluster, mergeClusters, readClusters, repairClusters, updateCluster, clusterFrame } from './clusters.ts';
import { addPersonaItem, createPersona, linkNote, readPersonas, removePersonaItem, setPersonaField } from './personas.ts';
import { ensureScale, placeMarker, readScale, spreadByCategory } from './positioning.ts';
import { createSection, readSections } from './sections.ts';
import { boardProblems, readBoard } from './board.ts';

const note = (id: string, extra: Partial<Note> = {}): Note => ({
	id,
	text: `idée ${id}`,
	x: 0,
	y: 0,
	color: 'yellow',
	authorId: 'p1',
	authorCategory: 'usager',
	createdAt: 1,
	updatedAt: 1,
	...extra
});

/** Two replicas that exchange their updates on demand, like two screens coming back online. */
function pair(): [Y.Doc, Y.Doc, () => void] {
	const a = new Y.Doc();
	const b = new Y.Doc();
	const sync = () => {
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
	};
	return [a, b, sync];
}

describe('clusters', () => {
	test('a note put in a cluster reads as in it; out again with null', () => {
		const doc = new Y.Doc();
		insertNote(doc, note('n1'));
		createCluster(doc, { id: 'c1', label: 'Horaires', now: 1 });
		expect(assignNotes(doc, ['n1'], 'c1', 2)).toBe(1);
		expect(readBoard(doc).notes[0].clusterId).toBe('c1');
		assignNotes(doc, ['n1'], null, 3);
		expect(readBoard(doc).notes[0].clusterId).toBeUndefined();
	});

	test('rename, recolour and order; a label that is too long keeps the old one', () => {
		const doc = new Y.Doc();
		createCluster(doc, { id: 'c1', label: 'Accueil', now: 1 });
		createCluster(doc, { id: 'c2', label: 'Numérique', now: 2 });
		updateCluster(doc, 'c1', { label: 'Accueil au guichet', color: 'pink' });
		updateCluster(doc, 'c2', { label: 'x'.repeat(500) });
		expect(readClusters(doc).map((c) => [c.label, c.color])).toEqual([
			['Accueil au guichet', 'pink'],
			['Numérique', expect.any(String)]
		]);
	});

	test('dissolving leaves the notes on the board, unclustered', () => {
		const doc = new Y.Doc();
		insertNote(doc, note('n1'));
		createCluster(doc, { id: 'c1', label: 'A', now: 1 });
		assignNotes(doc, ['n1'], 'c1', 2);
		dissolveCluster(doc, 'c1', 3);
		const board = readBoard(doc);
		expect(board.clusters).toEqual([]);
		expect(board.notes.map((n) => n.clusterId)).toEqual([undefined]);
	});

	test('merging moves every note into the kept cluster', () => {
		const doc = new Y.Doc();
		for (const id of ['n1', 'n2', 'n3']) insertNote(doc, note(id));
		createCluster(doc, { id: 'c1', label: 'Horaires', now: 1 });
		createCluster(doc, { id: 'c2', label: 'Ouverture', now: 1 });
		assignNotes(doc, ['n1'], 'c1', 2);
		assignNotes(doc, ['n2', 'n3'], 'c2', 2);
		expect(mergeClusters(doc, 'c1', ['c2'], 3)).toBe(true);
		const board = readBoard(doc);
		expect(board.clusters.map((c) => c.id)).toEqual(['c1']);
		expect(board.notes.map((n) => n.clusterId)).toEqual(['c1', 'c1', 'c1']);
	});

	test('a note moved into a cluster that another screen merged at the same time ends in the merged cluster', () => {
		const [a, b, sync] = pair();
		for (const id of ['n1', 'n2']) insertNote(a, note(id));
		createCluster(a, { id: 'c1', label: 'A', now: 1 });
		createCluster(a, { id: 'c2', label: 'B', now: 1 });
		sync();
		mergeClusters(a, 'c1', ['c2'], 2); // screen A merges B into A…
		assignNotes(b, ['n2'], 'c2', 2); // …while screen B drops a note into B
		sync();
		expect(readBoard(a).notes.find((n) => n.id === 'n2')?.clusterId).toBe('c1');
		expect(boardProblems(readBoard(a))).toEqual([]);
		// Repairs from both screens write the same value and converge.
		repairClusters(a, 3);
		repairClusters(b, 3);
		sync();
		expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b));
		expect(readBoard(a)).toEqual(readBoard(b));
	});

	test('a note moved into a cluster dissolved at the same time is unclustered, not lost', () => {
		const [a, b, sync] = pair();
		insertNote(a, note('n1'));
		createCluster(a, { id: 'c1', label: 'A', now: 1 });
		sync();
		dissolveCluster(a, 'c1', 2);
		assignNotes(b, ['n1'], 'c1', 2);
		sync();
		expect(readBoard(b).notes.map((n) => n.clusterId)).toEqual([undefined]);
		expect(repairClusters(b, 3)).toBe(1);
		expect(updateNote(b, 'n1', {}, 4)).toBe(true);
	});

	test('a repair on a screen that has a note put in a cluster, but not yet the cluster, leaves the note where it was put', () => {
		const [a, b, syncAB] = pair();
		const c = new Y.Doc();
		insertNote(a, note('n1'));
		syncAB();
		Y.applyUpdate(c, Y.encodeStateAsUpdate(a));
		const before = Y.encodeStateVector(a);
		createCluster(a, { id: 'c1', label: 'Horaires', now: 1 });
		const created = Y.encodeStateAsUpdate(a, before);
		Y.applyUpdate(b, created);
		const beforeAssign = Y.encodeStateVector(b);
		assignNotes(b, ['n1'], 'c1', 2);
		// Updates from two screens can arrive in either order (after a reconnection, across instances).
		Y.applyUpdate(c, Y.encodeStateAsUpdate(b, beforeAssign));
		expect(readBoard(c).notes[0].clusterId).toBeUndefined();
		expect(repairClusters(c, 3)).toBe(0);
		Y.applyUpdate(c, created);
		expect(readBoard(c).notes[0].clusterId).toBe('c1');
	});

	test('…and so does a repair on a screen that has a merge but not yet the cluster it merged into', () => {
		const [a, b, syncAB] = pair();
		const c = new Y.Doc();
		insertNote(a, note('n1'));
		createCluster(a, { id: 'c1', label: 'A', now: 1 });
		assignNotes(a, ['n1'], 'c1', 1);
		syncAB();
		Y.applyUpdate(c, Y.encodeStateAsUpdate(a));
		const before = Y.encodeStateVector(b);
		createCluster(b, { id: 'c2', label: 'B', now: 2 });
		const created = Y.encodeStateAsUpdate(b, before);
		Y.applyUpdate(a, created);
		const beforeMerge = Y.encodeStateVector(a);
		mergeClusters(a, 'c2', ['c1'], 3);
		Y.applyUpdate(c, Y.encodeStateAsUpdate(a, beforeMerge));
		expect(repairClusters(c, 4)).toBe(0);
		Y.applyUpdate(c, created);
		expect(readBoard(c).notes[0].clusterId).toBe('c2');
	});

	test('a frame grows with its notes, two per row', () => {
		const f = clusterFrame({ x: 100, y: 100 }, 3);
		expect(f.slot(0)).toEqual({ x: 116, y: 164 });
		expect(f.slot(2).y).toBeGreaterThan(f.slot(1).y);
		expect(clusterFrame({ x: 0, y: 0 }, 5).height).toBeGreaterThan(f.height);
	});
});

describe('personas', () => {
	test('two people filling different fields of one persona at once keep both', () => {
		const [a, b, sync] = pair();
		createPersona(a, 'p1', 1, 'Fatima');
		sync();
		setPersonaField(a, 'p1', 'age', '67 ans');
		setPersonaField(b, 'p1', 'situation', 'Retraitée, vit seule à Hautepierre');
		addPersonaItem(a, 'p1', 'needs', { id: 'i1', text: 'Un rendez-vous sans internet', authorId: 'x', at: 1 });
		addPersonaItem(b, 'p1', 'needs', { id: 'i2', text: 'Quelqu’un qui rappelle', authorId: 'y', at: 2 });
		sync();
		const [p] = readPersonas(b);
		expect(p.fields.age).toBe('67 ans');
		expect(p.fields.situation).toBe('Retraitée, vit seule à Hautepierre');
		expect(p.lists.needs.map((i) => i.text)).toEqual(['Un rendez-vous sans internet', 'Quelqu’un qui rappelle']);
	});

	test('refuses too-long values and empty items; removes items; links notes that exist', () => {
		const doc = new Y.Doc();
		insertNote(doc, note('n1'));
		createPersona(doc, 'p1', 1);
		expect(setPersonaField(doc, 'p1', 'name', 'x'.repeat(81))).toBe(false);
		expect(addPersonaItem(doc, 'p1', 'goals', { id: 'i1', text: '  ', authorId: 'x', at: 1 })).toBe('invalid');
		expect(addPersonaItem(doc, 'nope', 'goals', { id: 'i1', text: 'a', authorId: 'x', at: 1 })).toBe('not_found');
		addPersonaItem(doc, 'p1', 'goals', { id: 'i2', text: 'Garder son autonomie', authorId: 'x', at: 1 });
		expect(removePersonaItem(doc, 'p1', 'goals', 'i2')).toBe(true);
		linkNote(doc, 'p1', 'n1', true);
		linkNote(doc, 'p1', 'gone', true);
		const [p] = readBoard(doc).personas;
		expect(p.lists.goals).toEqual([]);
		expect(p.noteIds).toEqual(['n1']);
	});
});

describe('positioning', () => {
	test('one marker per participant; moving it replaces it; spread by category', () => {
		const doc = new Y.Doc();
		ensureScale(doc, 'phase-2', { leftPole: 'relation idéale', rightPole: 'relation chaotique' }, 1);
		placeMarker(doc, 'phase-2', { participantId: 'a1', category: 'agent', value: 20, at: 1 });
		placeMarker(doc, 'phase-2', { participantId: 'a1', category: 'agent', value: 30, at: 2 });
		placeMarker(doc, 'phase-2', { participantId: 'a2', category: 'agent', value: 50, at: 2 });
		placeMarker(doc, 'phase-2', { participantId: 'u1', category: 'usager', value: 150, at: 2 });
		const scale = readScale(doc, 'phase-2')!;
		expect(scale.markers).toHaveLength(3);
		expect(spreadByCategory(scale.markers)).toEqual([
			{ category: 'agent', count: 2, mean: 40, median: 40, min: 30, max: 50, bins: [0, 1, 1, 0, 0] },
			{ category: 'usager', count: 1, mean: 100, median: 100, min: 100, max: 100, bins: [0, 0, 0, 0, 1] }
		]);
	});
});

describe('sections and the whole board', () => {
	test('a note in a section that exists is valid; in a missing one is a problem', () => {
		const doc = new Y.Doc();
		createSection(doc, { id: 's1', title: 'Réactions', x: 0, y: 0, width: 900, height: 700, phaseId: 'ph1' });
		insertNote(doc, note('n1', { sectionId: 's1' }));
		expect(readSections(doc)[0]).toMatchObject({ title: 'Réactions', phaseId: 'ph1', kind: 'activity' });
		expect(boardProblems(readBoard(doc))).toEqual([]);
		expect(notesInSection(doc, 's1')).toBe(1);
		insertNote(doc, note('n2', { sectionId: 'nowhere' }));
		expect(boardProblems(readBoard(doc))).toEqual(['note n2 is in missing section nowhere']);
	});
});
