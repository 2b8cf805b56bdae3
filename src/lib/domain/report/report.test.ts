import { describe, expect, test } from 'vitest';
import { assembleReport, earlierSession, REPORT_SCHEMA_VERSION } from './report.ts';
import { roadmap } from './roadmap.ts';
import { SAMPLE_BOARD, sampleInput } from '../../../../test/helpers/report-sample.ts';

describe('assembleReport', () => {
	const report = assembleReport(sampleInput());

	test('is versioned and says when and where it ran, owners without e-mail', () => {
		expect(report.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
		expect(report.generatedAt).toBe('2026-03-02T10:00:00.000Z');
		expect(report.workshop.date).toBe('2026-02-12');
		expect(report.workshop.owners).toEqual([{ name: 'Надежда Петрова', organisation: 'Mairie' }]);
		expect(report.workshop.facilitators).toEqual(['Camille']);
	});

	test('the day falls back to the creation day when no phase ever started', () => {
		const r = assembleReport(sampleInput({ workshop: { ...sampleInput().workshop, startedAt: null } }));
		expect(r.workshop.date).toBe('2026-02-01');
	});

	test('counts people by collège against the plan, age bands only when asked', () => {
		expect(report.participation.total).toBe(3);
		expect(report.participation.expectedTotal).toBe(7);
		expect(report.participation.byCategory).toEqual([
			{ group: 'agent', count: 1, expected: 2 },
			{ group: 'usager', count: 2, expected: 4 },
			{ group: 'elu', count: 0, expected: 1 }
		]);
		expect(report.participation.byAgeBand?.unanswered).toBe(1);
		expect(report.participation.byAgeBand?.groups.find((g) => g.group === '25-39')).toEqual({ group: '25-39', count: 1, expected: 2 });
		expect(report.participation.byGender).toBeNull();
	});

	test('no participant id, author or proxy name travels into the report', () => {
		const json = JSON.stringify(report);
		expect(json).not.toContain('p-secret');
		expect(json).not.toContain('Mme Proxy');
	});

	test('clusters in board order with notes by creation; a note of a vanished cluster is unclustered; origin kept', () => {
		expect(report.clusters.map((c) => c.label)).toEqual(['Accueil', 'Vide']);
		expect(report.clusters[0].notes.map((n) => n.text)).toEqual(['Un seul numéro', 'Horaires du soir']);
		expect(report.unclustered.map((n) => n.id)).toEqual(['n3', 'n4']);
		expect(report.unclustered[0].origin).toEqual({ workshopTitle: 'Séance agents', sessionKey: 'agents' });
	});

	test('personas keep filled constraints and lists only', () => {
		expect(report.personas[0].constraints).toEqual([{ field: 'digital', text: 'Pas d’ordinateur' }]);
		expect(report.personas[0].lists).toEqual([{ list: 'needs', items: ['Un rendez-vous'] }]);
	});

	test('positioning spreads by collège; vote items labelled with dots by collège; priorities confirmed first', () => {
		expect(report.positioning[0].spreads.map((s) => [s.category, s.count, s.median])).toEqual([
			['agent', 1, 20],
			['usager', 2, 70]
		]);
		const vote = report.votes[0];
		expect(vote.voters).toBe(2);
		expect(vote.items.map((i) => i.label).sort()).toEqual(['Accueil', 'Vide']);
		expect(vote.items.find((i) => i.itemId === 'c1')?.dotsByCategory).toEqual([
			{ category: 'agent', dots: 0 },
			{ category: 'usager', dots: 3 }
		]);
		expect(report.priorities[0].items).toEqual([
			{ itemId: 'c2', label: 'Vide', confirmedRank: 1, placers: 0, median: null, quadrant: null },
			{ itemId: 'c1', label: 'Accueil', confirmedRank: null, placers: 2, median: { desirability: 80, feasibility: 70 }, quadrant: 'first' }
		]);
	});

	test('an earlier session of a series is summed up by its date, counts by collège, confirmed priorities in order and decisions', () => {
		expect(report.earlierSessions).toEqual([]);
		const summary = earlierSession(report, 'agents');
		expect(summary).toEqual({
			workshopId: 'w1',
			title: report.workshop.title,
			sessionKey: 'agents',
			date: '2026-02-12',
			total: 3,
			byCategory: [
				{ group: 'agent', count: 1 },
				{ group: 'usager', count: 2 }
			],
			priorities: [{ title: 'Matrice', items: ['Vide'] }],
			decisions: report.decisions
		});
		expect(assembleReport(sampleInput({ earlierSessions: [summary] })).earlierSessions).toEqual([summary]);
	});

	test("each table's contribution, its members counted by collège (never who); no plan, no tables", () => {
		expect(report.tables).toEqual([]);
		const withTables = assembleReport(
			sampleInput({
				tables: [
					{ id: 't1', name: 'Table 1 — Accueil', memberCategories: ['usager', 'agent', 'usager'], picks: ['n2', 'gone'] },
					{ id: 't2', name: 'Table 2', memberCategories: ['elu'], picks: [] }
				]
			})
		);
		expect(withTables.tables).toEqual([
			{
				name: 'Table 1 — Accueil',
				byCategory: [
					{ category: 'agent', count: 1 },
					{ category: 'usager', count: 2 }
				],
				contributions: [{ id: 'n2', text: 'Horaires du soir', category: 'agent', origin: null }]
			},
			{ name: 'Table 2', byCategory: [{ category: 'elu', count: 1 }], contributions: [] }
		]);
	});

	test("a note in a table's area names its table; a plenary copy its table of origin, as named now (or when gathered, the table gone)", () => {
		const [n2, n1, n3, n4] = SAMPLE_BOARD.notes;
		const fromTable = (tableId: string, noteId: string) => ({ tableId, name: 'Ancien nom', noteId });
		const board = {
			...SAMPLE_BOARD,
			notes: [
				{ ...n2, sectionId: 'table-t1' },
				{ ...n1, sectionId: 'plenary-p', fromTable: fromTable('t1', 'n2') },
				{ ...n3, sectionId: 'plenary-p', fromTable: fromTable('deleted', 'x') },
				n4
			]
		};
		const r = assembleReport(sampleInput({ board, tables: [{ id: 't1', name: 'Table 1', memberCategories: ['agent'], picks: ['n2'] }] }));
		const all = [...r.clusters.flatMap((c) => c.notes), ...r.unclustered].sort((a, b) => a.id.localeCompare(b.id));
		expect(all.map((n) => [n.id, n.table, n.fromTable])).toEqual([
			['n1', undefined, 'Table 1'],
			['n2', 'Table 1', undefined],
			['n3', undefined, 'Ancien nom'],
			['n4', undefined, undefined]
		]);
		expect(r.tables![0].contributions).toEqual([{ id: 'n2', text: 'Horaires du soir', category: 'agent', origin: null, table: 'Table 1' }]);
		// Without tables, the notes are as they always were.
		expect(JSON.stringify(assembleReport(sampleInput()).unclustered)).not.toMatch(/"(table|fromTable)"/);
	});

	test('the same input gives the same report', () => {
		expect(assembleReport(sampleInput())).toEqual(report);
	});
});

describe('roadmap', () => {
	test('groups kept decisions by service (case and spaces aside), nearest due date first, unassigned last', () => {
		const groups = roadmap(assembleReport(sampleInput()).decisions, 'fr');
		expect(groups.map((g) => [g.responsible, g.decisions.map((d) => d.id)])).toEqual([
			['Service état civil', ['d2', 'd1']],
			['', ['d3']]
		]);
	});
});
