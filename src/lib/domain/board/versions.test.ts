import { describe, expect, test } from 'vitest';
import { back, INITIAL_TIMER, pause, skip, start, extend, type TimerResult } from '../agenda/timer.ts';
import { phaseLeft } from './versions.ts';

const agenda = [
	{ id: 'accueil', minutes: 10 },
	{ id: 'idees', minutes: 20 }
];
const state = (r: TimerResult) => {
	if (!r.ok) throw new Error(r.error);
	return r.state;
};

describe('phaseLeft: which phase a clock change ends, for its version', () => {
	test('start leaves nothing yet (null); skip and back leave the phase that was on; the end leaves the last', () => {
		const s0 = INITIAL_TIMER;
		const s1 = state(start(s0, agenda, 0));
		expect(phaseLeft(s0, s1)).toBeNull();
		const s2 = state(skip(s1, agenda, 1));
		expect(phaseLeft(s1, s2)).toBe('accueil');
		expect(phaseLeft(s2, state(back(s2, agenda, 2)))).toBe('idees');
		const ended = state(skip(s2, agenda, 3));
		expect(phaseLeft(s2, ended)).toBe('idees');
	});

	test('pause, +5 min and reopening after the end leave no phase', () => {
		const s1 = state(start(INITIAL_TIMER, agenda, 0));
		expect(phaseLeft(s1, state(pause(s1, 5)))).toBeUndefined();
		expect(phaseLeft(s1, state(extend(s1, 5, 5)))).toBeUndefined();
		const ended = state(skip(state(skip(s1, agenda, 1)), agenda, 2));
		expect(phaseLeft(ended, state(back(ended, agenda, 3)))).toBeUndefined();
	});
});
