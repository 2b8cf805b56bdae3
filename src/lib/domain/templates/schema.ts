import { z } from 'zod';
import {
	PHASE_INSTRUCTIONS_MAX,
	PHASE_MINUTES_MAX,
	PHASE_PROMPT_MAX,
	PHASE_PROMPTS_MAX,
	PHASE_TITLE_MAX,
	PHASE_TYPES
} from '../agenda/phase.ts';
import { CATEGORIES } from '../workshop/categories.ts';
import { refineKindSettings } from '../phases/kind-settings.ts';
import { PLACED_BY, PRIORITIES_TOP_MAX } from '../priorities/matrix.ts';
import { POLL_CHOICES_MAX, POLL_CHOICES_MIN, POLL_CHOICE_MAX, POLL_QUESTION_MAX } from '../poll/answer.ts';

/**
 * The one schema of a template (modèle) file: built-ins in workshops/, templates saved by a
 * facilitator, and files imported from elsewhere all pass through it. Texts are held in both
 * languages; a workshop made from it takes the texts of its own language.
 */
export const TEMPLATE_FORMAT = 'concerto-template';
export const TEMPLATE_VERSION = 1;

export const TEMPLATE_NAME_MAX = 120;
export const TEMPLATE_DESCRIPTION_MAX = 2000;
export const TEMPLATE_SESSIONS_MAX = 6;
export const TEMPLATE_PHASES_MAX = 40;
/** A series' recommended gap between two sessions, at most a year. */
export const GAP_DAYS_MAX = 365;
/** Whole template files larger than this are refused before parsing (a 40-phase series is ~60 KB). */
export const TEMPLATE_FILE_BYTES_MAX = 256 * 1024;

/** Ids of phases and sessions: short, stable, readable in a file and a URL. */
const KEY = /^[a-z0-9][a-z0-9-]{0,39}$/;
const key = z.string().regex(KEY, 'must be 1-40 lowercase letters, digits or dashes');

/** A text in both languages; neither may be empty once trimmed. */
const text = (max: number) =>
	z.strictObject({
		fr: z.string().trim().min(1).max(max),
		en: z.string().trim().min(1).max(max)
	});
/** Instructions may be left empty in both languages (a break needs none). */
const longText = (max: number) => z.strictObject({ fr: z.string().trim().max(max), en: z.string().trim().max(max) });

const settings = z
	.strictObject({
		silent: z.boolean().optional(),
		anonymous: z.boolean().optional(),
		categories: z.array(z.enum(CATEGORIES)).min(1).max(CATEGORIES.length).optional(),
		prompts: z.array(text(PHASE_PROMPT_MAX)).min(1).max(PHASE_PROMPTS_MAX).optional(),
		dots: z.number().int().min(1).max(20).optional(),
		maxDotsPerItem: z.number().int().min(1).max(20).optional(),
		voteOn: z.enum(['clusters', 'notes']).optional(),
		ownItems: z.boolean().optional(),
		leftPole: text(PHASE_PROMPT_MAX).optional(),
		rightPole: text(PHASE_PROMPT_MAX).optional(),
		top: z.number().int().min(1).max(PRIORITIES_TOP_MAX).optional(),
		placedBy: z.enum(PLACED_BY).optional(),
		question: text(POLL_QUESTION_MAX).optional(),
		choices: z.array(text(POLL_CHOICE_MAX)).min(POLL_CHOICES_MIN).max(POLL_CHOICES_MAX).optional(),
		multiple: z.boolean().optional(),
		liveResults: z.boolean().optional()
	})
	.refine((s) => s.dots === undefined || s.maxDotsPerItem === undefined || s.maxDotsPerItem <= s.dots, {
		message: 'must not exceed dots',
		path: ['maxDotsPerItem'],
		params: { problem: 'maxDotsOverBudget' }
	})
	.refine((s) => (s.leftPole === undefined) === (s.rightPole === undefined), {
		message: 'a scale needs both poles',
		path: ['rightPole'],
		params: { problem: 'poles' }
	});

const phase = z
	.strictObject({
		id: key,
		type: z.enum(PHASE_TYPES),
		title: text(PHASE_TITLE_MAX),
		minutes: z.number().int().min(1).max(PHASE_MINUTES_MAX),
		instructions: longText(PHASE_INSTRUCTIONS_MAX),
		/** For the facilitator only (never projected); absent in files made before it existed. */
		facilitatorNote: longText(PHASE_INSTRUCTIONS_MAX).optional(),
		settings: settings.default({})
	})
	// Each kind takes its own settings (its module lists them).
	.superRefine(refineKindSettings);

const gap = z
	.strictObject({ minDays: z.number().int().min(0).max(GAP_DAYS_MAX), maxDays: z.number().int().min(0).max(GAP_DAYS_MAX) })
	.refine((g) => g.minDays <= g.maxDays, { message: 'must not be below minDays', path: ['maxDays'], params: { problem: 'gapOrder' } });

const session = z
	.strictObject({
		key,
		title: text(TEMPLATE_NAME_MAX),
		/** Who is invited to this session (e.g. agents only); absent means everyone. */
		audience: z.array(z.enum(CATEGORIES)).min(1).max(CATEGORIES.length).optional(),
		/** Recommended time since the previous session of the series. */
		gapBefore: gap.optional(),
		/** Earlier sessions whose notes (qualities, proposals…) this one starts with. */
		importsFrom: z.array(key).max(TEMPLATE_SESSIONS_MAX).optional(),
		phases: z.array(phase).min(1).max(TEMPLATE_PHASES_MAX)
	})
	.superRefine((s, ctx) => {
		const seen = new Set<string>();
		s.phases.forEach((p, i) => {
			if (seen.has(p.id))
				ctx.addIssue({ code: 'custom', message: `duplicate phase id "${p.id}"`, path: ['phases', i, 'id'], params: { problem: 'duplicate', value: p.id } });
			seen.add(p.id);
		});
	});

export const templateSchema = z
	.strictObject({
		format: z.literal(TEMPLATE_FORMAT),
		version: z.literal(TEMPLATE_VERSION),
		name: text(TEMPLATE_NAME_MAX),
		description: longText(TEMPLATE_DESCRIPTION_MAX),
		sessions: z.array(session).min(1).max(TEMPLATE_SESSIONS_MAX)
	})
	.superRefine((t, ctx) => {
		const earlier = new Set<string>();
		t.sessions.forEach((s, i) => {
			if (earlier.has(s.key))
				ctx.addIssue({ code: 'custom', message: `duplicate session key "${s.key}"`, path: ['sessions', i, 'key'], params: { problem: 'duplicate', value: s.key } });
			// Only earlier sessions have notes to give: a later or unknown one is a mistake in the file.
			(s.importsFrom ?? []).forEach((from, j) => {
				if (!earlier.has(from))
					ctx.addIssue({
						code: 'custom',
						message: `"${from}" is not an earlier session`,
						path: ['sessions', i, 'importsFrom', j],
						params: { problem: 'importsFrom', value: from }
					});
			});
			if (i === 0 && s.gapBefore)
				ctx.addIssue({ code: 'custom', message: 'the first session has no session before it', path: ['sessions', 0, 'gapBefore'], params: { problem: 'firstGap' } });
			earlier.add(s.key);
		});
	});

/** A template as validated (defaults filled in). */
export type Template = z.output<typeof templateSchema>;
export type TemplateSession = Template['sessions'][number];
export type TemplatePhase = TemplateSession['phases'][number];
export type Bilingual = { fr: string; en: string };

/** The two languages a template holds (the same as the UI's). */
export const TEMPLATE_LOCALES = ['fr', 'en'] as const;
export type TemplateLocale = (typeof TEMPLATE_LOCALES)[number];
