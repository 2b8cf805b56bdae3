import { describe, expect, test } from 'vitest';
import type { TimerState } from '../agenda/timer.ts';
import { addExtraTime, tableRemainingMs, TABLE_EXTRA_MINUTES_MAX } from './timer.ts';

const running: TimerState = { phase: 'idees', status: 'running', endsAt: 600_000, remainingMs: null, startedAt: 0 };

describe("a table's own time", () => {
	test('follows the phase, plus the extra time given in this run only', () => {
		expect(tableRemainingMs(running, null, 60_000)).toBe(540_000);
		const extra = addExtraTime(running, null, 5)!;
		expect(extra).toEqual({ phaseId: 'idees', startedAt: 0, ms: 300_000 });
		expect(tableRemainingMs(running, addExtraTime(running, extra, 2), 60_000)).toBe(540_000 + 420_000);
		// The phase started again (or another phase): the old extra time counts for nothing.
		const again = { ...running, startedAt: 1_000, endsAt: 601_000 };
		expect(tableRemainingMs(again, extra, 61_000)).toBe(540_000);
		expect(addExtraTime(again, extra, 1)).toEqual({ phaseId: 'idees', startedAt: 1_000, ms: 60_000 });
	});

	test('needs a running or paused phase, and is capped', () => {
		expect(addExtraTime({ ...running, status: 'idle', phase: null, startedAt: null, endsAt: null }, null, 5)).toBeNull();
		const paused = { ...running, status: 'paused' as const, endsAt: null, remainingMs: 30_000 };
		expect(tableRemainingMs(paused, addExtraTime(paused, null, 1), 999_999)).toBe(90_000);
		expect(addExtraTime(running, null, 500)!.ms).toBe(TABLE_EXTRA_MINUTES_MAX * 60_000);
	});
});
