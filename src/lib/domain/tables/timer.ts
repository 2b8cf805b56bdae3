import { remainingMs, type TimerState } from '../agenda/timer.ts';

/**
 * A table's own time (issue 13, item 6): the phase's, plus the extra time the facilitator gave
 * that table in this phase run. Extra time given in another run (an earlier phase, or this phase
 * before it was started again) counts for nothing.
 */
export interface TableExtraTime {
	phaseId: string;
	startedAt: number;
	ms: number;
}

/** Most extra time one table may get in a phase run, in minutes. */
export const TABLE_EXTRA_MINUTES_MAX = 60;

/** The extra time of a table in the timer's current run (0 when given in another run, or none). */
export function extraInRun(timer: TimerState, extra: TableExtraTime | null): number {
	if (!extra || timer.phase === null || extra.phaseId !== timer.phase || extra.startedAt !== timer.startedAt) return 0;
	return extra.ms;
}

/** The extra time after `minutes` more in the timer's current run; null when no phase runs. */
export function addExtraTime(timer: TimerState, extra: TableExtraTime | null, minutes: number): TableExtraTime | null {
	if ((timer.status !== 'running' && timer.status !== 'paused') || timer.phase === null || timer.startedAt === null) return null;
	const ms = Math.min(TABLE_EXTRA_MINUTES_MAX * 60_000, extraInRun(timer, extra) + minutes * 60_000);
	return { phaseId: timer.phase, startedAt: timer.startedAt, ms };
}

/** Time left for a table (negative in overtime), or null when no phase is timed. */
export function tableRemainingMs(timer: TimerState, extra: TableExtraTime | null, now: number): number | null {
	const left = remainingMs(timer, now);
	return left === null ? null : left + extraInRun(timer, extra);
}
