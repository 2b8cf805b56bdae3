import type { Category } from '../workshop/categories.ts';

/**
 * A phase (séquence) is one timed step of a workshop's agenda. Its type switches what every
 * board does while it runs; its settings tune that mode. Templates hold phases with texts
 * in French and English; a workshop holds them in the one language it runs in.
 */
export const PHASE_TYPES = [
	'welcome',
	'pitch',
	'ideation',
	'persona',
	'positioning',
	'clustering',
	'vote',
	'priorities',
	'decisions',
	'break',
	'free'
] as const;
export type PhaseType = (typeof PHASE_TYPES)[number];

export const PHASE_MINUTES_MAX = 480;
export const PHASE_TITLE_MAX = 120;
export const PHASE_INSTRUCTIONS_MAX = 2000;
export const PHASE_PROMPTS_MAX = 12;
export const PHASE_PROMPT_MAX = 120;

export interface PhaseSettings {
	/** Ideation: others' notes stay hidden from participants until the facilitator reveals them. */
	silent?: boolean;
	/** Authors are hidden from other participants (their category stays visible). */
	anonymous?: boolean;
	/** Who takes part; absent means every category of the workshop. */
	categories?: Category[];
	/** Headings participants write under (e.g. the crash-test's substance / form / legal / financial sides). */
	prompts?: string[];
	/** Dot vote: dots per participant and the most one participant may put on one item. */
	dots?: number;
	maxDotsPerItem?: number;
	/** Positioning: the two poles of the scale. */
	leftPole?: string;
	rightPole?: string;
}

/** A phase of one workshop's agenda, in that workshop's language. */
export interface Phase {
	id: string;
	type: PhaseType;
	title: string;
	minutes: number;
	instructions: string;
	settings: PhaseSettings;
}

/** Planned length of an agenda, in minutes. */
export function plannedMinutes(phases: readonly Pick<Phase, 'minutes'>[]): number {
	return phases.reduce((sum, p) => sum + p.minutes, 0);
}
