import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import { insertNote, readNotes, type Note } from '../board/notes.ts';
import { createSection, readSections } from '../board/sections.ts';
import { effectsOfMove } from '../phases/effects.ts';
import { tableSectionId } from './areas.ts';
import { gatherContributions, plenaryNoteId, plenarySectionId } from './plenary.ts';

const note = (id: string, tableId: string, authorCategory: Note['authorCategory']): Note => ({
	id,
	text: `Idée ${id}`,
	x: 0,
	y: 0,
	color: 'yellow',
	authorId: `p-${id}`,
	authorCategory,
	createdAt: 1,
	updatedAt: 1,
	sectionId: tableSectionId(tableId),
	clusterId: 'c-table'
});

describe('the plenary gathers the tables’ contributions', () => {
	test('copies exactly the picked notes once into the phase’s area, each with its table and its author’s collège', () => {
		const doc = new Y.Doc();
		for (const n of [note('a1', 'A', 'usager'), note('a2', 'A', 'agent'), note('b1', 'B', 'elu')]) insertNote(doc, n);
		const tables = [
			{ id: 'A', name: 'Table 1 — Accueil', picks: ['a2', 'gone'] },
			{ id: 'B', name: 'Table 2', picks: ['b1'] },
			{ id: 'C', name: 'Table 3', picks: [] }
		];
		const phase = { id: 'pleniere', title: 'Plénière' };
		expect(gatherContributions(doc, phase, tables, 5)).toEqual([plenaryNoteId('a2'), plenaryNoteId('b1')]);
		const area = readSections(doc).find((s) => s.id === plenarySectionId('pleniere'))!;
		expect(area).toMatchObject({ title: 'Plénière', phaseId: 'pleniere', kind: 'activity' });
		const copies = readNotes(doc).filter((n) => n.fromTable);
		expect(copies.map((n) => [n.text, n.authorCategory, n.fromTable!.name, n.sectionId, n.clusterId])).toEqual([
			['Idée a2', 'agent', 'Table 1 — Accueil', area.id, undefined],
			['Idée b1', 'elu', 'Table 2', area.id, undefined]
		]);
		// Again (a retry, the phase started again): nothing more.
		expect(gatherContributions(doc, phase, tables, 6)).toEqual([]);
		expect(readNotes(doc)).toHaveLength(5);
		expect(readSections(doc)).toHaveLength(1);
	});

	test('uses the section the facilitator made for the phase when there is one', () => {
		const doc = new Y.Doc();
		insertNote(doc, note('a1', 'A', 'usager'));
		createSection(doc, { id: 'mine', title: 'Ensemble', phaseId: 'pleniere', x: 100, y: 2000, width: 900, height: 800 });
		gatherContributions(doc, { id: 'pleniere', title: 'Plénière' }, [{ id: 'A', name: 'A', picks: ['a1'] }], 2);
		expect(readNotes(doc).find((n) => n.fromTable)?.sectionId).toBe('mine');
		expect(readSections(doc)).toHaveLength(1);
	});

	test('a phase with `plenary` gathers when it starts, whatever its kind; other phases do not', () => {
		const agenda = [
			{ id: 'tables', type: 'ideation', settings: {} },
			{ id: 'pleniere', type: 'clustering', settings: { plenary: true } }
		];
		const run = (phase: string) => ({ phase, status: 'running' as const, endsAt: 2, remainingMs: null, startedAt: phase === 'tables' ? 1 : 2 });
		expect(effectsOfMove(run('tables'), run('pleniere'), agenda)).toContain('gather-plenary');
		expect(effectsOfMove(run('pleniere'), run('tables'), agenda)).not.toContain('gather-plenary');
	});
});
