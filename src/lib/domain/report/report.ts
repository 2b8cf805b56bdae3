import type { Board } from '../board/board.ts';
import type { Note } from '../board/notes.ts';
import { PERSONA_CONSTRAINTS, PERSONA_LISTS, type PersonaList, type PersonaTextField } from '../board/personas.ts';
import { spreadByCategory, type Spread } from '../board/positioning.ts';
import type { Day, Decision } from '../decisions/decision.ts';
import { quadrantOf, type ItemMedian, type MatrixPoint, type PriorityItem, type Quadrant } from '../priorities/matrix.ts';
import type { VoteResults } from '../vote/results.ts';
import { CATEGORIES, type Category } from '../workshop/categories.ts';
import { tableSectionId } from '../tables/areas.ts';
import { AGE_BANDS, GENDERS, type AgeBand, type ExpectedPanel, type Gender } from '../workshop/panel.ts';

/**
 * The workshop report (issue 11): everything the project owner and a steering committee need,
 * assembled from what the workshop stored. Pure and deterministic (the time is passed in), so
 * every format (HTML, PDF, Markdown, CSV, JSON) renders the same facts. Citizens' identities
 * never enter it: participants are counted, notes keep only their author's collège.
 */
/** 2 added `earlierSessions` (a file of version 1 reads as having none). */
export const REPORT_SCHEMA_VERSION = 2;

export interface Report {
	/** Bumped when a field changes meaning or goes away, and for `earlierSessions` (2); version 1 files still read. */
	schemaVersion: 1 | typeof REPORT_SCHEMA_VERSION;
	/** ISO 8601 instant the report was made. */
	generatedAt: string;
	locale: 'fr' | 'en';
	workshop: ReportWorkshop;
	participation: Participation;
	personas: ReportPersona[];
	/** Clusters in the board's order, then `unclustered` for notes in none. */
	clusters: ReportCluster[];
	unclustered: ReportNote[];
	positioning: ReportScale[];
	votes: ReportVote[];
	priorities: ReportPriorities[];
	decisions: ReportDecision[];
	/** In a series, the sessions before this one, in order (the mixed session's report gathers them); else empty. */
	earlierSessions: ReportEarlierSession[];
	/**
	 * When the workshop worked by tables: each table, how many sat there by collège (never who),
	 * and the notes its reporter picked as its contribution to the plenary. Absent from reports
	 * archived before tables existed.
	 */
	tables?: ReportTable[];
}

export interface ReportTable {
	name: string;
	byCategory: { category: Category; count: number }[];
	contributions: ReportNote[];
}

/** An earlier session of the series, as its own report sums it up: who took part, its priorities and decisions. */
export interface ReportEarlierSession {
	workshopId: string;
	title: string;
	sessionKey: string;
	date: Day;
	total: number;
	/** Collèges with at least one participant. */
	byCategory: { group: Category; count: number }[];
	/** Each priorities phase's confirmed items, in their order (phases with none left out). */
	priorities: { title: string; items: string[] }[];
	decisions: ReportDecision[];
}

/** What a later session's report keeps of an earlier session's report. */
export function earlierSession(report: Report, sessionKey: string): ReportEarlierSession {
	return {
		workshopId: report.workshop.id,
		title: report.workshop.title,
		sessionKey,
		date: report.workshop.date,
		total: report.participation.total,
		byCategory: report.participation.byCategory.filter((g) => g.count > 0).map((g) => ({ group: g.group, count: g.count })),
		priorities: report.priorities
			.map((p) => ({
				title: p.title,
				items: p.items
					.filter((i) => i.confirmedRank !== null)
					.sort((a, b) => a.confirmedRank! - b.confirmedRank!)
					.map((i) => i.label)
			}))
			.filter((p) => p.items.length > 0),
		decisions: report.decisions.map((d) => ({ ...d, commits: [...d.commits] }))
	};
}

export interface ReportWorkshop {
	id: string;
	title: string;
	status: string;
	/** The day it ran (its first phase started), else the day it was created: `YYYY-MM-DD`. */
	date: Day;
	/** Where it took place, or "À distance"; '' when its facilitators did not say. */
	place: string;
	/** Owners without their e-mail (the report travels further than the owners' list). */
	owners: { name: string; organisation: string }[];
	facilitators: string[];
}

export interface CountAgainstPlan<K extends string> {
	group: K;
	count: number;
	/** The planned number (expected panel), null when none was planned. */
	expected: number | null;
}

export interface Participation {
	total: number;
	expectedTotal: number | null;
	/** Every collège with someone or a target, in the order of CATEGORIES. */
	byCategory: CountAgainstPlan<Category>[];
	/** Only when age bands were asked: the bands in order, unanswered apart. */
	byAgeBand: { groups: CountAgainstPlan<AgeBand>[]; unanswered: number } | null;
	/** Only when gender was asked. */
	byGender: { groups: CountAgainstPlan<Gender>[]; unanswered: number } | null;
}

export interface ReportNote {
	id: string;
	text: string;
	category: Category | 'facilitator';
	/** Set when the note was carried over from an earlier session of the series. */
	origin: { workshopTitle: string; sessionKey: string } | null;
	/** The table whose area holds the note, when the workshop worked by tables (absent otherwise, and from older reports). */
	table?: string;
	/** For a plenary copy of a table's contribution: the table it came from. */
	fromTable?: string;
}

export interface ReportCluster {
	id: string;
	label: string;
	notes: ReportNote[];
}

export interface ReportPersona {
	name: string;
	age: string;
	situation: string;
	quote: string;
	constraints: { field: PersonaTextField; text: string }[];
	lists: { list: PersonaList; items: string[] }[];
}

export interface ReportScale {
	id: string;
	leftPole: string;
	rightPole: string;
	markers: number;
	spreads: Spread[];
}

export interface ReportVoteItem {
	itemId: string;
	label: string;
	total: number;
	rawRank: number;
	parityRank: number;
	/** Mean of the collèges' shares, 0–1. */
	parityShare: number;
	/** Product of the collèges' supports, 0–1. */
	consensus: number;
	divided: boolean;
	/** Dots of every collège that voted, in the order of `categories`. */
	dotsByCategory: { category: Category; dots: number }[];
}

export interface ReportVote {
	phaseId: string;
	title: string;
	voters: number;
	dots: number;
	categories: Category[];
	votersByCategory: { category: Category; voters: number; dots: number }[];
	/** In parity order. */
	items: ReportVoteItem[];
}

export interface ReportPriorityItem {
	itemId: string;
	label: string;
	/** 1-based place among the confirmed priorities, null when not confirmed. */
	confirmedRank: number | null;
	placers: number;
	/** Median placement (0–100 each), null when nobody placed it. */
	median: MatrixPoint | null;
	quadrant: Quadrant | null;
}

export interface ReportPriorities {
	phaseId: string;
	title: string;
	/** Confirmed first in their order, then the others as placed. */
	items: ReportPriorityItem[];
}

/** A decision as the room left it; where it came from on the board stays out of the report. */
export type ReportDecision = Omit<Decision, 'sourceId'>;

/**
 * How many counted participants had given each age band and gender before these were erased
 * (retention, a request): they are among `participants` with null answers, and counted here.
 */
export interface ErasedAnswers {
	ageBands: Partial<Record<AgeBand, number>>;
	genders: Partial<Record<Gender, number>>;
}

/** What the server gathers for one report; nothing here names a participant. */
export interface ReportInput {
	now: Date;
	locale: 'fr' | 'en';
	workshop: { id: string; title: string; status: string; place: string; createdAt: Date; startedAt: Date | null };
	owners: readonly { name: string; organisation: string }[];
	facilitators: readonly string[];
	/** One entry per person who took part: erased ones too, not those a facilitator removed. */
	participants: readonly { category: Category; ageBand: AgeBand | null; gender: Gender | null }[];
	/** Answers of participants above whose age band and gender were erased since (absent: none). */
	erasedAnswers?: ErasedAnswers;
	askAgeBand: boolean;
	askGender: boolean;
	expectedPanel: ExpectedPanel;
	board: Board;
	votes: readonly { phaseId: string; title: string; results: VoteResults; labels: Readonly<Record<string, string>> }[];
	priorities: readonly { phaseId: string; title: string; confirmed: readonly PriorityItem[]; medians: readonly ItemMedian[]; labels: Readonly<Record<string, string>> }[];
	decisions: readonly Decision[];
	/** In a series, the earlier sessions summed up from their own reports (absent: none). */
	earlierSessions?: readonly ReportEarlierSession[];
	/** The table plan (empty: none): each table's id and name, its members' collèges and its picked notes, in order. */
	tables: readonly { id: string; name: string; memberCategories: readonly Category[]; picks: readonly string[] }[];
}

const day = (d: Date) => d.toISOString().slice(0, 10);

function against<K extends string>(keys: readonly K[], counts: Map<K, number>, plan: Partial<Record<K, number>> | undefined, keepEmpty: boolean): CountAgainstPlan<K>[] {
	return keys
		.map((group) => ({ group, count: counts.get(group) ?? 0, expected: plan?.[group] ?? null }))
		.filter((g) => keepEmpty || g.count > 0 || g.expected !== null);
}

function countBy<K extends string>(values: readonly (K | null)[]): { counts: Map<K, number>; unanswered: number } {
	const counts = new Map<K, number>();
	let unanswered = 0;
	for (const v of values) {
		if (v === null) unanswered++;
		else counts.set(v, (counts.get(v) ?? 0) + 1);
	}
	return { counts, unanswered };
}

/** Adds the erased answers back: erased people were counted as unanswered. */
function withErased<K extends string>(tally: { counts: Map<K, number>; unanswered: number }, erased: Partial<Record<K, number>> | undefined) {
	for (const [k, n] of Object.entries(erased ?? {}) as [K, number][]) {
		tally.counts.set(k, (tally.counts.get(k) ?? 0) + n);
		tally.unanswered = Math.max(0, tally.unanswered - n);
	}
	return tally;
}

function participation(input: ReportInput): Participation {
	const plan = input.expectedPanel;
	const planned = Object.values(plan.categories).reduce((s, n) => s + (n ?? 0), 0);
	const ages = withErased(countBy(input.participants.map((p) => p.ageBand)), input.erasedAnswers?.ageBands);
	const genders = withErased(countBy(input.participants.map((p) => p.gender)), input.erasedAnswers?.genders);
	return {
		total: input.participants.length,
		expectedTotal: planned > 0 ? planned : null,
		byCategory: against(CATEGORIES, countBy(input.participants.map((p) => p.category)).counts, plan.categories, false),
		byAgeBand: input.askAgeBand ? { groups: against(AGE_BANDS, ages.counts, plan.ageBands, true), unanswered: ages.unanswered } : null,
		byGender: input.askGender ? { groups: against(GENDERS, genders.counts, undefined, true), unanswered: genders.unanswered } : null
	};
}

/** Table names by the section id of their area, and by table id (for plenary copies). */
interface TableNames {
	byArea: ReadonlyMap<string, string>;
	byId: ReadonlyMap<string, string>;
}

const tableNames = (input: ReportInput): TableNames => ({
	byArea: new Map(input.tables.map((t) => [tableSectionId(t.id), t.name])),
	byId: new Map(input.tables.map((t) => [t.id, t.name]))
});

const reportNote = (n: Note, tables: TableNames): ReportNote => {
	const table = n.sectionId === undefined ? undefined : tables.byArea.get(n.sectionId);
	// A plenary copy names its table as it is now; the name it was gathered with if the table is gone.
	const fromTable = n.fromTable ? (tables.byId.get(n.fromTable.tableId) ?? n.fromTable.name) : undefined;
	return {
		id: n.id,
		text: n.text,
		category: n.authorCategory,
		origin: n.origin ? { workshopTitle: n.origin.workshopTitle, sessionKey: n.origin.sessionKey } : null,
		...(table !== undefined ? { table } : {}),
		...(fromTable !== undefined ? { fromTable } : {})
	};
};

const byCreation = (a: Note, b: Note) => a.createdAt - b.createdAt || a.id.localeCompare(b.id);

function voteOf(v: ReportInput['votes'][number]): ReportVote {
	const r = v.results;
	return {
		phaseId: v.phaseId,
		title: v.title,
		voters: r.voters,
		dots: r.dots,
		categories: [...r.categories],
		votersByCategory: r.colleges.map((c) => ({ category: c.category, voters: c.voters, dots: c.dots })),
		items: r.items.map((i) => ({
			itemId: i.itemId,
			label: v.labels[i.itemId] ?? '',
			total: i.total,
			rawRank: i.rawRank,
			parityRank: i.parityRank,
			parityShare: i.parityShare,
			consensus: i.consensus,
			divided: i.divide !== null,
			dotsByCategory: i.colleges.map((c) => ({ category: c.category, dots: c.dots }))
		}))
	};
}

function prioritiesOf(p: ReportInput['priorities'][number]): ReportPriorities {
	const medians = new Map(p.medians.map((m) => [m.itemId, m]));
	const ids = [...new Set([...p.confirmed.map((c) => c.id), ...p.medians.map((m) => m.itemId)])];
	const confirmedRank = new Map(p.confirmed.map((c, i) => [c.id, i + 1]));
	const labels = new Map(p.confirmed.map((c) => [c.id, c.label]));
	return {
		phaseId: p.phaseId,
		title: p.title,
		items: ids.map((itemId) => {
			const m = medians.get(itemId);
			const median = m?.overall ?? null;
			return {
				itemId,
				label: labels.get(itemId) ?? p.labels[itemId] ?? '',
				confirmedRank: confirmedRank.get(itemId) ?? null,
				placers: m?.placers ?? 0,
				median,
				quadrant: median ? quadrantOf(median) : null
			};
		})
	};
}

/** Each table with its members counted by collège and its contribution (picks no longer on the board are left out). */
function tablesOf(input: ReportInput, notes: readonly Note[], names: TableNames): ReportTable[] {
	const byId = new Map(notes.map((n) => [n.id, n]));
	return input.tables.map((t) => ({
		name: t.name,
		byCategory: CATEGORIES.map((category) => ({ category, count: t.memberCategories.filter((c) => c === category).length })).filter((c) => c.count > 0),
		contributions: t.picks.flatMap((id) => {
			const n = byId.get(id);
			return n ? [reportNote(n, names)] : [];
		})
	}));
}

/** Assembles the report; the same input always gives the same report. */
export function assembleReport(input: ReportInput): Report {
	const { board } = input;
	const clusterIds = new Set(board.clusters.map((c) => c.id));
	const notes = [...board.notes].sort(byCreation);
	const clusters = [...board.clusters].sort((a, b) => a.order - b.order || a.createdAt - b.createdAt || a.id.localeCompare(b.id));
	const names = tableNames(input);
	const noteOf = (n: Note) => reportNote(n, names);
	return {
		schemaVersion: REPORT_SCHEMA_VERSION,
		generatedAt: input.now.toISOString(),
		locale: input.locale,
		workshop: {
			id: input.workshop.id,
			title: input.workshop.title,
			status: input.workshop.status,
			date: day(input.workshop.startedAt ?? input.workshop.createdAt),
			place: input.workshop.place,
			owners: input.owners.map((o) => ({ name: o.name, organisation: o.organisation })),
			facilitators: [...input.facilitators]
		},
		participation: participation(input),
		personas: [...board.personas]
			.sort((a, b) => a.order - b.order || a.createdAt - b.createdAt)
			.map((p) => ({
				name: p.fields.name,
				age: p.fields.age,
				situation: p.fields.situation,
				quote: p.fields.quote,
				constraints: PERSONA_CONSTRAINTS.filter((f) => p.fields[f].trim() !== '').map((field) => ({ field, text: p.fields[field] })),
				lists: PERSONA_LISTS.filter((l) => p.lists[l].length > 0).map((list) => ({ list, items: p.lists[list].map((i) => i.text) }))
			})),
		clusters: clusters.map((c) => ({ id: c.id, label: c.label, notes: notes.filter((n) => n.clusterId === c.id).map(noteOf) })),
		unclustered: notes.filter((n) => n.clusterId === undefined || !clusterIds.has(n.clusterId)).map(noteOf),
		positioning: board.scales.map((s) => ({ id: s.id, leftPole: s.leftPole, rightPole: s.rightPole, markers: s.markers.length, spreads: spreadByCategory(s.markers) })),
		votes: input.votes.map(voteOf),
		priorities: input.priorities.map(prioritiesOf),
		decisions: input.decisions.map((d) => ({
			id: d.id,
			title: d.title,
			text: d.text,
			commits: [...d.commits],
			responsible: d.responsible,
			dueDate: d.dueDate,
			answerBy: d.answerBy,
			status: d.status
		})),
		earlierSessions: [...(input.earlierSessions ?? [])],
		tables: tablesOf(input, notes, names)
	};
}
