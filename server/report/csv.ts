import { stringify } from 'csv-stringify/sync';
import type { Report, ReportDecision, ReportNote } from '../../src/lib/domain/report/report.ts';
import { roadmap } from '../../src/lib/domain/report/roadmap.ts';
import { CATEGORIES } from '../../src/lib/domain/workshop/categories.ts';

/**
 * The report's tables as CSV for spreadsheets. Headers are fixed English identifiers and
 * values are codes (collège `usager`, status `confirmed`, days `YYYY-MM-DD`) whatever the
 * workshop's language, so a script reads every workshop alike; the README documents them.
 * Files start with a UTF-8 byte order mark: without it French Excel opens "é" as "Ã©".
 * A text cell starting with = + - @ (or a tab or carriage return) gets a leading apostrophe:
 * anyone in the room writes notes, and a note "=HYPERLINK(…)" must not become a formula in the
 * facilitator's spreadsheet (CSV injection). Numbers are never touched.
 */
export const CSV_COLUMNS = {
	decisions: ['position', 'id', 'title', 'text', 'commits', 'responsible', 'due_date', 'answer_by', 'status'],
	votes: ['vote_phase_id', 'vote_title', 'item_id', 'item_label', 'category', 'dots', 'item_total', 'raw_rank', 'parity_rank', 'parity_share', 'consensus', 'divided'],
	notes: ['note_id', 'text', 'category', 'cluster_id', 'cluster_label', 'origin_workshop', 'origin_session', 'table', 'from_table'],
	roadmap: ['responsible', 'position', 'id', 'title', 'text', 'commits', 'due_date', 'answer_by', 'status'],
	tables: ['table_position', 'table', 'members', ...CATEGORIES.map((c) => `members_${c}` as const), 'contribution_position', 'note_id', 'text', 'category']
} as const;
export type CsvKind = keyof typeof CSV_COLUMNS;

const BOM = '\ufeff';
const csv = (kind: CsvKind, rows: (string | number)[][]) => BOM + stringify([[...CSV_COLUMNS[kind]], ...rows], { record_delimiter: 'windows', escape_formulas: true });

const decisionCells = (d: ReportDecision) => [d.commits.join(';'), d.responsible, d.dueDate ?? '', d.answerBy ?? '', d.status];

export function decisionsCsv(report: Report): string {
	return csv(
		'decisions',
		report.decisions.map((d, i) => {
			const [commits, responsible, due, answer, status] = decisionCells(d);
			return [i + 1, d.id, d.title, d.text, commits, responsible, due, answer, status];
		})
	);
}

/** One row per item × collège that voted, in parity order. */
export function votesCsv(report: Report): string {
	const rows: (string | number)[][] = [];
	for (const v of report.votes)
		for (const i of v.items)
			for (const c of i.dotsByCategory)
				rows.push([v.phaseId, v.title, i.itemId, i.label, c.category, c.dots, i.total, i.rawRank, i.parityRank, i.parityShare.toFixed(4), i.consensus.toFixed(4), i.divided ? 'yes' : 'no']);
	return csv('votes', rows);
}

/**
 * Every note with its cluster (empty when in none), its origin when carried over and, when the
 * workshop worked by tables, the table whose area holds it and, for a plenary copy, its table of origin.
 */
export function notesCsv(report: Report): string {
	const rows: string[][] = [];
	const row = (n: ReportNote, clusterId: string, clusterLabel: string) => [
		n.id,
		n.text,
		n.category,
		clusterId,
		clusterLabel,
		n.origin?.workshopTitle ?? '',
		n.origin?.sessionKey ?? '',
		n.table ?? '',
		n.fromTable ?? ''
	];
	for (const c of report.clusters) for (const n of c.notes) rows.push(row(n, c.id, c.label));
	for (const n of report.unclustered) rows.push(row(n, '', ''));
	return csv('notes', rows);
}

/**
 * One row per table × contribution (one row with empty contribution cells for a table without
 * any), each with the table's members counted by collège: never who sat there. Empty when the
 * workshop did not work by tables.
 */
export function tablesCsv(report: Report): string {
	const rows: (string | number)[][] = [];
	(report.tables ?? []).forEach((t, i) => {
		const count = (c: (typeof CATEGORIES)[number]) => t.byCategory.find((b) => b.category === c)?.count ?? 0;
		const table = [i + 1, t.name, t.byCategory.reduce((sum, b) => sum + b.count, 0), ...CATEGORIES.map(count)];
		if (t.contributions.length === 0) rows.push([...table, '', '', '', '']);
		t.contributions.forEach((n, j) => rows.push([...table, j + 1, n.id, n.text, n.category]));
	});
	return csv('tables', rows);
}

/** The feuille de route: kept decisions by responsible service ('' for none yet). */
export function roadmapCsv(report: Report): string {
	const rows: (string | number)[][] = [];
	for (const g of roadmap(report.decisions, report.locale))
		g.decisions.forEach((d, i) => {
			const [commits, , due, answer, status] = decisionCells(d);
			rows.push([g.responsible, i + 1, d.id, d.title, d.text, commits, due, answer, status]);
		});
	return csv('roadmap', rows);
}
