import { stringify } from 'csv-stringify/sync';
import type { Report, ReportDecision } from '../../src/lib/domain/report/report.ts';
import { roadmap } from '../../src/lib/domain/report/roadmap.ts';

/**
 * The report's tables as CSV for spreadsheets. Headers are fixed English identifiers and
 * values are codes (collège `usager`, status `confirmed`, days `YYYY-MM-DD`) whatever the
 * workshop's language, so a script reads every workshop alike; the README documents them.
 * Files start with a UTF-8 byte order mark: without it French Excel opens "é" as "Ã©".
 */
export const CSV_COLUMNS = {
	decisions: ['position', 'id', 'title', 'text', 'commits', 'responsible', 'due_date', 'answer_by', 'status'],
	votes: ['vote_phase_id', 'vote_title', 'item_id', 'item_label', 'category', 'dots', 'item_total', 'raw_rank', 'parity_rank', 'parity_share', 'consensus', 'divided'],
	notes: ['note_id', 'text', 'category', 'cluster_id', 'cluster_label', 'origin_workshop', 'origin_session'],
	roadmap: ['responsible', 'position', 'id', 'title', 'text', 'commits', 'due_date', 'answer_by', 'status']
} as const;
export type CsvKind = keyof typeof CSV_COLUMNS;

const BOM = '\ufeff';
const csv = (kind: CsvKind, rows: (string | number)[][]) => BOM + stringify([[...CSV_COLUMNS[kind]], ...rows], { record_delimiter: 'windows' });

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

/** Every note with its cluster (empty when in none) and its origin when carried over. */
export function notesCsv(report: Report): string {
	const rows: string[][] = [];
	for (const c of report.clusters) for (const n of c.notes) rows.push([n.id, n.text, n.category, c.id, c.label, n.origin?.workshopTitle ?? '', n.origin?.sessionKey ?? '']);
	for (const n of report.unclustered) rows.push([n.id, n.text, n.category, '', '', n.origin?.workshopTitle ?? '', n.origin?.sessionKey ?? '']);
	return csv('notes', rows);
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
