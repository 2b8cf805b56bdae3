import { z } from 'zod';
import { CATEGORIES } from '../workshop/categories.ts';
import {
	PHASE_INSTRUCTIONS_MAX,
	PHASE_MINUTES_MAX,
	PHASE_PROMPTS_MAX,
	PHASE_PROMPT_MAX,
	PHASE_TITLE_MAX,
	PHASE_TYPES
} from './phase.ts';
import { refineKindSettings } from '../phases/kind-settings.ts';
import { PLACED_BY, PRIORITIES_TOP_MAX } from '../priorities/matrix.ts';
import { POLL_CHOICES_MAX, POLL_CHOICES_MIN, POLL_CHOICE_MAX, POLL_QUESTION_MAX } from '../poll/answer.ts';

/** Agendas hold a handful to a few dozen phases; a cap keeps a forged one small. */
export const AGENDA_PHASES_MAX = 40;

const label = (max: number) => z.string().trim().min(1).max(max);

/** Settings of a phase; every field optional, unknown fields refused. */
export const phaseSettingsSchema = z.strictObject({
	silent: z.boolean().optional(),
	anonymous: z.boolean().optional(),
	categories: z.array(z.enum(CATEGORIES)).min(1).max(CATEGORIES.length).optional(),
	prompts: z.array(label(PHASE_PROMPT_MAX)).max(PHASE_PROMPTS_MAX).optional(),
	dots: z.number().int().min(1).max(20).optional(),
	maxDotsPerItem: z.number().int().min(1).max(20).optional(),
	voteOn: z.enum(['clusters', 'notes']).optional(),
	ownItems: z.boolean().optional(),
	leftPole: label(PHASE_PROMPT_MAX).optional(),
	rightPole: label(PHASE_PROMPT_MAX).optional(),
	top: z.number().int().min(1).max(PRIORITIES_TOP_MAX).optional(),
	placedBy: z.enum(PLACED_BY).optional(),
	question: label(POLL_QUESTION_MAX).optional(),
	choices: z.array(label(POLL_CHOICE_MAX)).min(POLL_CHOICES_MIN).max(POLL_CHOICES_MAX).optional(),
	multiple: z.boolean().optional(),
	liveResults: z.boolean().optional(),
	plenary: z.boolean().optional()
});

/** One phase of a workshop's agenda, in the workshop's language. */
export const phaseSchema = z
	.strictObject({
		id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'id must be 1-40 characters of A-Z a-z 0-9 _ -'),
		type: z.enum(PHASE_TYPES),
		title: label(PHASE_TITLE_MAX),
		minutes: z.number().int().min(1).max(PHASE_MINUTES_MAX),
		instructions: z.string().max(PHASE_INSTRUCTIONS_MAX),
		facilitatorNote: z.string().max(PHASE_INSTRUCTIONS_MAX).optional(),
		settings: phaseSettingsSchema
	})
	// Each kind takes its own settings (its module lists them).
	.superRefine(refineKindSettings);

/** A whole agenda: ids unique, so the clock can follow a phase when it moves. */
export const agendaSchema = z
	.array(phaseSchema)
	.max(AGENDA_PHASES_MAX)
	.refine((phases) => new Set(phases.map((p) => p.id)).size === phases.length, 'phase ids must be unique');
