import type { TimerState } from '../agenda/timer.ts';

/**
 * Why a version of the board was saved: the end of a phase, the periodic save while people
 * work, the board as it was just before a restore (what "undo the restore" goes back to), or
 * a facilitator's own request.
 */
export const VERSION_REASONS = ['phase', 'periodic', 'before_restore', 'manual'] as const;
export type VersionReason = (typeof VERSION_REASONS)[number];

/** A saved version as the history lists it (its content stays on the server). */
export interface BoardVersionView {
	id: string;
	/** Epoch ms. */
	createdAt: number;
	reason: VersionReason;
	/** The phase left (reason `phase`) or on at the time; null before the start. */
	phaseId: string | null;
	/** That phase's title then (the agenda may have changed since); empty before the start. */
	label: string;
	noteCount: number;
}

/**
 * The phase a clock change leaves, whose end is saved as a version: its id; null when the
 * workshop starts (the board as prepared); undefined when no phase is left (pause, +5 min,
 * or going back from the end, which reopens the last phase).
 */
export function phaseLeft(before: TimerState, after: TimerState): string | null | undefined {
	if (before.status === 'ended') return undefined;
	if (after.status === 'ended' || after.phase !== before.phase) return before.phase;
	return undefined;
}
