import type { PhaseType } from '../phases/registry.ts';
import type { PhaseSettings } from '../phases/settings.ts';

/**
 * A phase (séquence) is one timed step of a workshop's agenda. Its type switches what every
 * board does while it runs; its settings tune that mode. Templates hold phases with texts
 * in French and English; a workshop holds them in the one language it runs in.
 */
export { PHASE_TYPES, type PhaseType } from '../phases/registry.ts';
export type { PhaseSettings } from '../phases/settings.ts';

export const PHASE_MINUTES_MAX = 480;
export const PHASE_TITLE_MAX = 120;
export const PHASE_INSTRUCTIONS_MAX = 2000;
export const PHASE_PROMPTS_MAX = 12;
export const PHASE_PROMPT_MAX = 120;

/** A phase of one workshop's agenda, in that workshop's language. */
export interface Phase {
	id: string;
	type: PhaseType;
	title: string;
	minutes: number;
	/** For the room: shown on phones and projected. */
	instructions: string;
	/** For the facilitator only: never projected, never sent to participants or observers. */
	facilitatorNote?: string;
	settings: PhaseSettings;
}

/** Planned length of an agenda, in minutes. */
export function plannedMinutes(phases: readonly Pick<Phase, 'minutes'>[]): number {
	return phases.reduce((sum, p) => sum + p.minutes, 0);
}
