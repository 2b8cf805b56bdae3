import * as Y from 'yjs';
import type { Queryable } from '../db/db.ts';
import { findWorkshop } from '../db/repositories/workshops.ts';
import { readOwners, readDecisions } from '../db/repositories/decisions.ts';
import { getJoinSettings } from '../db/repositories/join-settings.ts';
import { loadDoc } from '../db/repositories/yjs-log.ts';
import { readAgenda } from '../db/repositories/agenda.ts';
import { readPaperDots, readVotes, revealedPhases } from '../db/repositories/votes.ts';
import { phasesWithPriorities, readPlacements, readPriorities } from '../db/repositories/priorities.ts';
import { readErasedAnswers, readFacilitatorNames, readParticipantProfiles } from '../db/repositories/report-inputs.ts';
import { readBoard, type Board } from '../../src/lib/domain/board/board.ts';
import { voteItemsOf, voteRules } from '../../src/lib/domain/vote/items.ts';
import { voteResults } from '../../src/lib/domain/vote/results.ts';
import { placementMedians } from '../../src/lib/domain/priorities/matrix.ts';
import { assembleReport, earlierSession, type Report, type ReportEarlierSession, type ReportInput } from '../../src/lib/domain/report/report.ts';
import { findSeries, seriesOfWorkshop } from '../db/repositories/series.ts';
import { readContributions, readSeating, readTables } from '../db/repositories/tables.ts';
import { listParticipants } from '../db/repositories/participants.ts';
import { isCategory } from '../../src/lib/domain/workshop/categories.ts';

/** The workshop does not exist: the caller answers 404. */
export class ReportNotFound extends Error {
	readonly code = 'not_found';
	constructor() {
		super('unknown workshop');
	}
}

/**
 * The board as stored. A running room may hold a few hundred milliseconds of edits not yet
 * written (the log is flushed in batches): a report made during the workshop can miss the
 * very last keystrokes, never anything the room saw a moment before.
 */
async function storedBoard(db: Queryable, workshopId: string): Promise<Board> {
	const stored = await loadDoc(db, workshopId);
	const doc = new Y.Doc();
	try {
		if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
		for (const u of stored.updates) Y.applyUpdate(doc, u);
		return readBoard(doc);
	} finally {
		doc.destroy();
	}
}

/**
 * The sessions of the workshop's series made before it, each summed up from its own report
 * (in this report's language): the vivre-ensemble mixed session's report gathers the agents'
 * and the users' sessions. Their facilitators may differ: only counts, priorities and
 * decisions come across, which the later session already builds on (its notes were carried over).
 */
async function earlierSessions(db: Queryable, workshopId: string, locale: 'fr' | 'en', now: Date): Promise<ReportEarlierSession[]> {
	const membership = await seriesOfWorkshop(db, workshopId);
	if (!membership) return [];
	const sessions = (await findSeries(db, membership.seriesId))?.workshops ?? [];
	const here = sessions.findIndex((s) => s.workshopId === workshopId);
	const earlier: ReportEarlierSession[] = [];
	for (const s of sessions.slice(0, Math.max(here, 0))) earlier.push(earlierSession(await buildReport(db, s.workshopId, locale, now, false), s.sessionKey));
	return earlier;
}

/** Gathers a workshop's stored inputs and assembles its report in `locale` (with its series' earlier sessions unless told). */
export async function buildReport(db: Queryable, workshopId: string, locale: 'fr' | 'en', now: Date = new Date(), withEarlier = true): Promise<Report> {
	const workshop = await findWorkshop(db, workshopId);
	if (!workshop) throw new ReportNotFound();
	const [owners, facilitators, participants, erasedAnswers, join, board, agenda, revealed, placed, decisions] = await Promise.all([
		readOwners(db, workshopId),
		readFacilitatorNames(db, workshopId),
		readParticipantProfiles(db, workshopId),
		readErasedAnswers(db, workshopId),
		getJoinSettings(db, workshopId),
		storedBoard(db, workshopId),
		readAgenda(db, workshopId),
		revealedPhases(db, workshopId),
		phasesWithPriorities(db, workshopId),
		readDecisions(db, workshopId)
	]);

	// Only revealed votes: a vote still secret stays secret in the report too.
	const votes: ReportInput['votes'][number][] = [];
	const allLabels: Record<string, string> = {};
	for (const phase of agenda.filter((p) => p.type === 'vote' && revealed.includes(p.id))) {
		const items = voteItemsOf(board, voteRules(phase.settings, board.clusters.length > 0));
		const [phoneVotes, paperDots] = await Promise.all([readVotes(db, workshopId, phase.id), readPaperDots(db, workshopId, phase.id)]);
		// Items voted on and since removed from the board still count, under an empty label.
		const ids = [...new Set([...items.map((i) => i.id), ...phoneVotes.map((v) => v.itemId), ...paperDots.map((p) => p.itemId)])];
		const labels = Object.fromEntries(ids.map((id) => [id, items.find((i) => i.id === id)?.label ?? '']));
		Object.assign(allLabels, labels);
		votes.push({ phaseId: phase.id, title: phase.title, results: voteResults({ itemIds: ids, phoneVotes, paperDots }), labels });
	}

	const priorities: ReportInput['priorities'][number][] = [];
	for (const phase of agenda.filter((p) => p.type === 'priorities' && placed.includes(p.id))) {
		const [placements, confirmed] = await Promise.all([readPlacements(db, workshopId, phase.id), readPriorities(db, workshopId, phase.id)]);
		const ids = [...new Set([...confirmed.map((c) => c.id), ...placements.map((p) => p.itemId)])];
		priorities.push({ phaseId: phase.id, title: phase.title, confirmed, medians: placementMedians(ids, placements), labels: allLabels });
	}

	const tables = await tablesOf(db, workshopId);
	const started = agenda.map((p) => p.startedAt).filter((d): d is Date => d !== null);
	return assembleReport({
		now,
		locale,
		workshop: {
			id: workshop.id,
			title: workshop.title,
			status: workshop.status,
			place: workshop.place,
			createdAt: workshop.createdAt,
			startedAt: started.length > 0 ? new Date(Math.min(...started.map((d) => d.getTime()))) : null
		},
		owners,
		facilitators,
		participants,
		erasedAnswers,
		askAgeBand: join.askAgeBand,
		askGender: join.askGender,
		expectedPanel: join.expectedPanel,
		board,
		votes,
		priorities,
		decisions,
		earlierSessions: withEarlier ? await earlierSessions(db, workshopId, locale, now) : [],
		tables
	});
}

/** The table plan for the report: names, current members' collèges (never who), picks. */
async function tablesOf(db: Queryable, workshopId: string): Promise<ReportInput['tables']> {
	const tables = await readTables(db, workshopId);
	if (tables.length === 0) return [];
	const [seating, picks, people] = await Promise.all([readSeating(db, workshopId), readContributions(db, workshopId), listParticipants(db, workshopId)]);
	const categoryOf = new Map(people.map((p) => [p.id, p.category]));
	return tables.map((t) => ({
		id: t.id,
		name: t.name,
		memberCategories: (seating[t.id] ?? []).flatMap((id) => {
			const c = categoryOf.get(id);
			return c && isCategory(c) ? [c] : [];
		}),
		picks: picks[t.id] ?? []
	}));
}
