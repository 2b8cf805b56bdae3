import { describe, expect, test } from 'vitest';
import { INITIAL_TIMER, back, extend, formatRemaining, pause, remainingMs, resume, retime, skip, start, type TimerResult, type TimerState } from './timer.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);
const agenda = [
	{ id: 'accueil', minutes: 10 },
	{ id: 'pitch', minutes: 15 },
	{ id: 'idees', minutes: 20 }
];
const must = (r: TimerResult): TimerState => {
	if (!r.ok) throw new Error(r.error);
	return r.state;
};

describe('the workshop clock', () => {
	test('start runs the first phase for its full time', () => {
		const s = must(start(INITIAL_TIMER, agenda, T0));
		expect(s).toMatchObject({ phase: 'accueil', status: 'running', endsAt: T0 + 10 * MIN, startedAt: T0 });
		expect(remainingMs(s, T0 + 3 * MIN)).toBe(7 * MIN);
		expect(start(s, agenda, T0)).toEqual({ ok: false, error: 'already_started' });
		expect(start(INITIAL_TIMER, [], T0)).toEqual({ ok: false, error: 'no_phase' });
	});

	test('a late joiner or a reload computes the same remaining time from the end time alone', () => {
		const s = must(start(INITIAL_TIMER, agenda, T0));
		const seenLater = JSON.parse(JSON.stringify(s)) as TimerState;
		expect(remainingMs(seenLater, T0 + 4 * MIN + 30_000)).toBe(remainingMs(s, T0 + 4 * MIN + 30_000));
		expect(formatRemaining(remainingMs(seenLater, T0 + 4 * MIN + 30_000)!)).toBe('5:30');
	});

	test('pause freezes the time left and resume counts down again from it', () => {
		const running = must(start(INITIAL_TIMER, agenda, T0));
		const paused = must(pause(running, T0 + 4 * MIN));
		expect(remainingMs(paused, T0 + 30 * MIN)).toBe(6 * MIN);
		expect(pause(paused, T0)).toEqual({ ok: false, error: 'not_running' });
		const resumed = must(resume(paused, T0 + 30 * MIN));
		expect(resumed.endsAt).toBe(T0 + 36 * MIN);
		expect(resume(resumed, T0)).toEqual({ ok: false, error: 'not_paused' });
	});

	test('extend adds minutes, while running, paused or already overtime', () => {
		const running = must(start(INITIAL_TIMER, agenda, T0));
		expect(must(extend(running, 5, T0 + MIN)).endsAt).toBe(T0 + 15 * MIN);
		expect(remainingMs(must(extend(must(pause(running, T0 + 2 * MIN)), 1, T0 + 3 * MIN)), 0)).toBe(9 * MIN);
		// Ten minutes late: +1 gives one minute from now, not a time already past.
		expect(remainingMs(must(extend(running, 1, T0 + 20 * MIN)), T0 + 20 * MIN)).toBe(MIN);
		expect(extend(INITIAL_TIMER, 1, T0)).toEqual({ ok: false, error: 'not_running' });
	});

	test('skip goes to the next phase with its full time, and after the last one the workshop ends', () => {
		let s = must(start(INITIAL_TIMER, agenda, T0));
		s = must(skip(s, agenda, T0 + MIN));
		expect(s).toMatchObject({ phase: 'pitch', status: 'running', endsAt: T0 + 16 * MIN });
		s = must(skip(must(pause(s, T0 + 2 * MIN)), agenda, T0 + 3 * MIN));
		expect(s).toMatchObject({ phase: 'idees', status: 'running', endsAt: T0 + 23 * MIN });
		s = must(skip(s, agenda, T0 + 5 * MIN));
		expect(s).toMatchObject({ phase: 'idees', status: 'ended' });
		expect(remainingMs(s, T0)).toBeNull();
		expect(skip(s, agenda, T0)).toEqual({ ok: false, error: 'ended' });
		expect(skip(INITIAL_TIMER, agenda, T0)).toEqual({ ok: false, error: 'not_started' });
	});

	test('back restarts the previous phase in full, and from the end reopens the last phase', () => {
		let s = must(start(INITIAL_TIMER, agenda, T0));
		expect(back(s, agenda, T0)).toEqual({ ok: false, error: 'no_previous_phase' });
		s = must(skip(s, agenda, T0 + MIN));
		s = must(back(s, agenda, T0 + 2 * MIN));
		expect(s).toMatchObject({ phase: 'accueil', endsAt: T0 + 12 * MIN, startedAt: T0 + 2 * MIN });
		const ended = must(skip(must(skip(must(skip(s, agenda, T0)), agenda, T0)), agenda, T0));
		expect(must(back(ended, agenda, T0 + 60 * MIN))).toMatchObject({ phase: 'idees', status: 'running', endsAt: T0 + 80 * MIN });
	});

	test('the current phase is followed by id when the agenda is reordered live', () => {
		let s = must(start(INITIAL_TIMER, agenda, T0));
		const reordered = [agenda[0], agenda[2], agenda[1]];
		s = must(skip(s, reordered, T0));
		expect(s.phase).toBe('idees');
	});

	test('remaining time prints as minutes:seconds, rounded up, with overtime negative', () => {
		expect(formatRemaining(10 * MIN)).toBe('10:00');
		expect(formatRemaining(8_001)).toBe('0:09');
		expect(formatRemaining(0)).toBe('0:00');
		expect(formatRemaining(-90_000)).toBe('-1:30');
	});
});

describe('the clock follows the agenda', () => {
	const MIN = 60_000;
	const T0 = 1_000_000;
	const agenda = [{ id: 'a', minutes: 35 }, { id: 'b', minutes: 10 }];
	const running = { phase: 'a', status: 'running' as const, endsAt: T0 + 35 * MIN, remainingMs: null, startedAt: T0 };
	test('shortening the running phase moves its end sooner; lengthening it, later', () => {
		const shorter = retime(running, agenda, [{ id: 'a', minutes: 20 }, agenda[1]], T0 + 5 * MIN);
		expect(shorter).toMatchObject({ ok: true, cut: false, state: { endsAt: T0 + 20 * MIN } });
		expect(retime(running, agenda, [{ id: 'a', minutes: 40 }, agenda[1]], T0 + 5 * MIN)).toMatchObject({ state: { endsAt: T0 + 40 * MIN } });
	});
	test('shorter than the time already spent: it ends now, and says so', () => {
		expect(retime(running, agenda, [{ id: 'a', minutes: 20 }, agenda[1]], T0 + 25 * MIN)).toMatchObject({ ok: true, cut: true, state: { endsAt: T0 + 25 * MIN } });
	});
	test('time added with +5 stays when the plan changes; a paused phase keeps its remaining time in step', () => {
		const extended = { ...running, endsAt: running.endsAt + 5 * MIN };
		expect(retime(extended, agenda, [{ id: 'a', minutes: 30 }, agenda[1]], T0)).toMatchObject({ state: { endsAt: T0 + 35 * MIN } });
		const paused = { ...running, status: 'paused' as const, endsAt: null, remainingMs: 10 * MIN };
		expect(retime(paused, agenda, [{ id: 'a', minutes: 30 }, agenda[1]], T0)).toMatchObject({ state: { remainingMs: 5 * MIN }, cut: false });
		expect(retime(paused, agenda, [{ id: 'a', minutes: 20 }, agenda[1]], T0)).toMatchObject({ state: { remainingMs: 0 }, cut: true });
	});
	test('another phase\'s new length, or no change, leaves the clock alone', () => {
		expect(retime(running, agenda, [agenda[0], { id: 'b', minutes: 5 }], T0)).toBeNull();
		expect(retime({ ...running, status: 'ended' }, agenda, [{ id: 'a', minutes: 5 }], T0)).toBeNull();
	});
	test('−1 / −5 min take time off, never below now', () => {
		expect(extend(running, -5, T0 + MIN)).toMatchObject({ ok: true, cut: false, state: { endsAt: T0 + 30 * MIN } });
		expect(extend(running, -5, T0 + 33 * MIN)).toMatchObject({ ok: true, cut: true, state: { endsAt: T0 + 33 * MIN } });
	});
});
