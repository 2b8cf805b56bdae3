/**
 * The workshop clock, owned by the server. Clients never count on their own: they receive
 * the phase's end time (server clock) and count down from it, so a refresh or a late
 * joiner shows the same remaining time. Every function is pure: (state, now) → state.
 *
 * The current phase is named by id, not position, so the agenda can be reordered live.
 *
 * - idle: the workshop has not started (phase = null).
 * - running: `endsAt` is when the current phase's time is up (it may be past: overtime).
 * - paused: `remainingMs` is frozen; resume sets a new `endsAt` from it.
 * - ended: the last phase is over; the workshop is finished.
 */
export type TimerStatus = 'idle' | 'running' | 'paused' | 'ended';

export interface TimerState {
	/** Id of the current phase, or null before the start. */
	phase: string | null;
	status: TimerStatus;
	/** Running: the end of the current phase, epoch ms. */
	endsAt: number | null;
	/** Paused: time left when it was paused. */
	remainingMs: number | null;
	/** When the current phase was started, epoch ms (for planned vs actual). */
	startedAt: number | null;
}

export const INITIAL_TIMER: TimerState = { phase: null, status: 'idle', endsAt: null, remainingMs: null, startedAt: null };

export type TimerError = 'not_started' | 'already_started' | 'not_running' | 'not_paused' | 'no_previous_phase' | 'ended' | 'no_phase';

/** What the clock needs to know of the agenda: its phases in order. */
export type AgendaTimes = readonly { id: string; minutes: number }[];

export type TimerResult = { ok: true; state: TimerState } | { ok: false; error: TimerError };

const MINUTE = 60_000;
const ok = (state: TimerState): TimerResult => ({ ok: true, state });
const fail = (error: TimerError): TimerResult => ({ ok: false, error });

/** Starts a phase with its full time. */
function enter(phase: AgendaTimes[number], now: number): TimerState {
	return { phase: phase.id, status: 'running', endsAt: now + phase.minutes * MINUTE, remainingMs: null, startedAt: now };
}

/** Position of the current phase in the agenda (-1 if it is no longer there). */
export function currentIndex(state: TimerState, agenda: AgendaTimes): number {
	return state.phase === null ? -1 : agenda.findIndex((p) => p.id === state.phase);
}

/** Starts the workshop at its first phase. */
export function start(state: TimerState, agenda: AgendaTimes, now: number): TimerResult {
	if (agenda.length === 0) return fail('no_phase');
	if (state.status === 'ended') return fail('ended');
	if (state.phase !== null) return fail('already_started');
	return ok(enter(agenda[0], now));
}

export function pause(state: TimerState, now: number): TimerResult {
	if (state.status !== 'running' || state.endsAt === null) return fail('not_running');
	return ok({ ...state, status: 'paused', endsAt: null, remainingMs: Math.max(0, state.endsAt - now) });
}

export function resume(state: TimerState, now: number): TimerResult {
	if (state.status !== 'paused' || state.remainingMs === null) return fail('not_paused');
	return ok({ ...state, status: 'running', endsAt: now + state.remainingMs, remainingMs: null });
}

/**
 * Moves the current phase's end by `minutes`: later (in overtime, the extra time counts from
 * now) or sooner. Never before now: a phase shortened below the time already spent ends now,
 * and `cut` says so (the facilitator is told, the next phase is theirs to start).
 */
export function extend(state: TimerState, minutes: number, now: number): TimerResult & { cut?: boolean } {
	const delta = minutes * MINUTE;
	if (state.status === 'running' && state.endsAt !== null) {
		const endsAt = delta > 0 ? Math.max(state.endsAt, now) + delta : state.endsAt + delta;
		return { ...ok({ ...state, endsAt: Math.max(endsAt, now) }), cut: endsAt < now };
	}
	if (state.status === 'paused' && state.remainingMs !== null) {
		const remaining = state.remainingMs + delta;
		return { ...ok({ ...state, remainingMs: Math.max(0, remaining) }), cut: remaining < 0 };
	}
	return fail('not_running');
}

/**
 * The agenda changed the current phase's planned minutes: its end moves by the difference, so
 * time already added or taken with +/− stays. Other phases start with their new time anyway.
 */
export function retime(state: TimerState, before: AgendaTimes, after: AgendaTimes, now: number): (TimerResult & { cut?: boolean }) | null {
	const was = before.find((p) => p.id === state.phase);
	const is = after.find((p) => p.id === state.phase);
	if (!was || !is || was.minutes === is.minutes || (state.status !== 'running' && state.status !== 'paused')) return null;
	return extend(state, is.minutes - was.minutes, now);
}

/** Moves to the next phase with its full time; after the last one the workshop ends. */
export function skip(state: TimerState, agenda: AgendaTimes, now: number): TimerResult {
	if (state.status === 'ended') return fail('ended');
	if (state.phase === null) return fail('not_started');
	const next = currentIndex(state, agenda) + 1;
	if (next >= agenda.length) return ok({ ...state, status: 'ended', endsAt: null, remainingMs: null });
	return ok(enter(agenda[next], now));
}

/** Goes back to the previous phase, which starts again with its full time (also from the end). */
export function back(state: TimerState, agenda: AgendaTimes, now: number): TimerResult {
	if (state.phase === null) return fail('not_started');
	const index = currentIndex(state, agenda);
	const previous = state.status === 'ended' ? index : index - 1;
	if (previous < 0) return fail('no_previous_phase');
	return ok(enter(agenda[previous], now));
}

/** Time left in the current phase (negative in overtime), or null when no phase is timed. */
export function remainingMs(state: TimerState, now: number): number | null {
	if (state.status === 'running' && state.endsAt !== null) return state.endsAt - now;
	if (state.status === 'paused') return state.remainingMs;
	return null;
}

/** "12:05", "0:09", "-1:30" (overtime) — whole seconds, rounded up so 0:00 means time is up. */
export function formatRemaining(ms: number): string {
	const negative = ms < 0;
	const total = negative ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000);
	const m = Math.floor(total / 60);
	const s = total % 60;
	return `${negative ? '-' : ''}${m}:${String(s).padStart(2, '0')}`;
}
