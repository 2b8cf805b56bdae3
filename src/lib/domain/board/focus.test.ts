import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import { insertNote, type Note } from './notes.ts';
import { assignNotes, createCluster } from './clusters.ts';
import { createPersona, linkNote } from './personas.ts';
import { readBoard } from './board.ts';
import { focusTargets } from './focus.ts';

const note = (id: string, x: number, y: number): Note => ({
	id,
	text: `idée ${id}`,
	x,
	y,
	color: 'yellow',
	authorId: 'p1',
	authorCategory: 'usager',
	createdAt: 1,
	updatedAt: 1
});

function sampleBoard() {
	const doc = new Y.Doc();
	insertNote(doc, note('n1', 100, 100));
	insertNote(doc, note('n2', 900, 100));
	insertNote(doc, note('n3', 2000, 2000));
	createCluster(doc, { id: 'c1', label: 'Horaires', now: 1, x: 120, y: 300 });
	assignNotes(doc, ['n3'], 'c1', 2);
	createPersona(doc, 'p1', 1, 'Fatima');
	linkNote(doc, 'p1', 'n2', true);
	return readBoard(doc);
}

describe('focusTargets', () => {
	test('a note, a cluster and a persona give their notes and a label', () => {
		const board = sampleBoard();
		expect(focusTargets({ kind: 'note', id: 'n1' }, board)).toEqual({ noteIds: ['n1'], anchor: null, label: { kind: 'note', text: 'idée n1' } });
		expect(focusTargets({ kind: 'cluster', id: 'c1' }, board)).toEqual({ noteIds: ['n3'], anchor: 'cluster-c1', label: { kind: 'cluster', text: 'Horaires' } });
		expect(focusTargets({ kind: 'persona', id: 'p1' }, board)).toEqual({ noteIds: ['n2'], anchor: 'persona-p1', label: { kind: 'persona', text: 'Fatima' } });
	});

	test('an area holds the notes placed in it, a clustered note where its cluster is', () => {
		const board = sampleBoard();
		expect(focusTargets({ kind: 'area', x: 0, y: 0, width: 800, height: 600 }, board).noteIds).toEqual(['n1', 'n3']);
		expect(focusTargets({ kind: 'area', x: 1500, y: 1500, width: 1000, height: 1000 }, board).noteIds).toEqual([]);
	});

	test('an item removed meanwhile gives nothing to highlight, never an error', () => {
		const board = sampleBoard();
		expect(focusTargets({ kind: 'note', id: 'gone' }, board).noteIds).toEqual([]);
		expect(focusTargets({ kind: 'cluster', id: 'gone' }, board)).toMatchObject({ noteIds: [], label: { text: '' } });
	});
});
