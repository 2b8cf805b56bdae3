import { z } from 'zod';
import { PERSONA_LISTS, PERSONA_TEXT_FIELDS } from '../board/personas.ts';
import { COMMITTERS, DECISION_STATUSES } from '../decisions/decision.ts';
import { QUADRANTS } from '../priorities/matrix.ts';
import { CATEGORIES } from '../workshop/categories.ts';
import { AGE_BANDS, GENDERS } from '../workshop/panel.ts';
import { REPORT_SCHEMA_VERSION, type Report } from './report.ts';

/**
 * The report's JSON, checked field by field when a file comes back to be archived: an archive
 * is rendered by the same HTML, PDF, Markdown and CSV code as a live report, so nothing that
 * does not have the report's exact shape may enter. Lengths are capped (a file is not a way to
 * store anything else).
 */
const text = (max: number) => z.string().max(max);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const count = z.number().int().min(0).max(1_000_000);
const share = z.number().min(0).max(1);
const category = z.enum(CATEGORIES);
const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max);

const againstPlan = <K extends readonly [string, ...string[]]>(keys: K) =>
	z.strictObject({ group: z.enum(keys), count, expected: count.nullable() });

const note = z.strictObject({
	id: text(64),
	text: text(2000),
	category: z.union([category, z.literal('facilitator')]),
	origin: z.strictObject({ workshopTitle: text(400), sessionKey: text(64) }).nullable(),
	// When the workshop worked by tables (absent from reports archived before).
	table: text(200).optional(),
	fromTable: text(200).optional()
});

const spread = z.strictObject({
	category,
	count,
	mean: z.number(),
	median: z.number(),
	min: z.number(),
	max: z.number(),
	bins: z.tuple([count, count, count, count, count])
});

const decisions = list(
	z.strictObject({
		id: text(64),
		title: text(200),
		text: text(2000),
		commits: list(z.enum(COMMITTERS), COMMITTERS.length),
		responsible: text(200),
		dueDate: day.nullable(),
		answerBy: day.nullable(),
		status: z.enum(DECISION_STATUSES)
	}),
	100
);

export const reportSchema = z.strictObject({
	schemaVersion: z.union([z.literal(1), z.literal(REPORT_SCHEMA_VERSION)]),
	generatedAt: z.iso.datetime({ offset: true }),
	locale: z.enum(['fr', 'en']),
	workshop: z.strictObject({
		id: text(64),
		title: text(400),
		status: text(32),
		date: day,
		// Reports made before the place was recorded have none.
		place: text(200).optional(),
		owners: list(z.strictObject({ name: text(200), organisation: text(200) }), 50),
		facilitators: list(text(200), 50)
	}),
	participation: z.strictObject({
		total: count,
		expectedTotal: count.nullable(),
		byCategory: list(againstPlan(CATEGORIES), CATEGORIES.length),
		byAgeBand: z.strictObject({ groups: list(againstPlan(AGE_BANDS), AGE_BANDS.length), unanswered: count }).nullable(),
		byGender: z.strictObject({ groups: list(againstPlan(GENDERS), GENDERS.length), unanswered: count }).nullable()
	}),
	personas: list(
		z.strictObject({
			name: text(400),
			age: text(400),
			situation: text(2000),
			quote: text(2000),
			constraints: list(z.strictObject({ field: z.enum(PERSONA_TEXT_FIELDS), text: text(2000) }), PERSONA_TEXT_FIELDS.length),
			lists: list(z.strictObject({ list: z.enum(PERSONA_LISTS), items: list(text(2000), 200) }), PERSONA_LISTS.length)
		}),
		100
	),
	clusters: list(z.strictObject({ id: text(64), label: text(400), notes: list(note, 5000) }), 500),
	unclustered: list(note, 5000),
	// Reports archived before tables existed have none.
	tables: list(z.strictObject({ name: text(200), byCategory: list(z.strictObject({ category, count }), CATEGORIES.length), contributions: list(note, 100) }), 100).optional(),
	positioning: list(z.strictObject({ id: text(64), leftPole: text(400), rightPole: text(400), markers: count, spreads: list(spread, CATEGORIES.length) }), 100),
	votes: list(
		z.strictObject({
			phaseId: text(64),
			title: text(400),
			voters: count,
			dots: count,
			categories: list(category, CATEGORIES.length),
			votersByCategory: list(z.strictObject({ category, voters: count, dots: count }), CATEGORIES.length),
			items: list(
				z.strictObject({
					itemId: text(64),
					label: text(2000),
					total: count,
					rawRank: count,
					parityRank: count,
					parityShare: share,
					consensus: share,
					divided: z.boolean(),
					dotsByCategory: list(z.strictObject({ category, dots: count }), CATEGORIES.length)
				}),
				1000
			)
		}),
		100
	),
	priorities: list(
		z.strictObject({
			phaseId: text(64),
			title: text(400),
			items: list(
				z.strictObject({
					itemId: text(64),
					label: text(2000),
					confirmedRank: count.nullable(),
					placers: count,
					median: z.strictObject({ desirability: z.number().min(0).max(100), feasibility: z.number().min(0).max(100) }).nullable(),
					quadrant: z.enum(QUADRANTS as unknown as ['first', 'prepare', 'easy', 'later']).nullable()
				}),
				1000
			)
		}),
		100
	),
	decisions: decisions,
	// Version 1 files have none.
	earlierSessions: list(
		z.strictObject({
			workshopId: text(64),
			title: text(400),
			sessionKey: text(64),
			date: day,
			total: count,
			byCategory: list(z.strictObject({ group: category, count }), CATEGORIES.length),
			priorities: list(z.strictObject({ title: text(400), items: list(text(2000), 1000) }), 100),
			decisions
		}),
		20
	).default([])
});

/** Largest report file accepted back (a thousand-note workshop's report is far below). */
export const REPORT_FILE_BYTES_MAX = 5 * 1024 * 1024;

/** The report in a file, or why it is not one (the first few problems, as paths). */
export function parseReportFile(textContent: string): { ok: true; report: Report } | { ok: false; problems: string[] } {
	if (textContent.length > REPORT_FILE_BYTES_MAX) return { ok: false, problems: [`larger than ${REPORT_FILE_BYTES_MAX} bytes`] };
	let json: unknown;
	try {
		json = JSON.parse(textContent);
	} catch {
		return { ok: false, problems: ['not JSON'] };
	}
	const parsed = reportSchema.safeParse(json);
	if (!parsed.success) return { ok: false, problems: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`) };
	return { ok: true, report: parsed.data as Report };
}
