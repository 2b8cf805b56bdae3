import { describe, expect, test } from 'vitest';
import { adjustedRandIndex, groupLabels } from './agreement.ts';

describe('adjusted Rand index', () => {
	test('the same grouping scores 1, whatever the group names', () => {
		expect(adjustedRandIndex(['a', 'a', 'b', 'b', 'c'], ['x', 'x', 'y', 'y', 'z'])).toBe(1);
	});

	test('a known value: one note moved between two groups of three', () => {
		// Contingency [[2,1],[0,3]]: index 1+0+3 = 4; rows 3+3 = 6 pairs, columns 1+6 = 7;
		// expected 6·7/15 = 2.8; max (6+7)/2 = 6.5 → (4 − 2.8)/(6.5 − 2.8).
		expect(adjustedRandIndex(['a', 'a', 'a', 'b', 'b', 'b'], ['x', 'x', 'y', 'y', 'y', 'y'])).toBeCloseTo(1.2 / 3.7, 10);
	});

	test('groupings that cross each other score at most about 0', () => {
		expect(adjustedRandIndex(['a', 'a', 'b', 'b'], ['x', 'y', 'x', 'y'])).toBeLessThanOrEqual(0);
	});

	test('degenerate groupings do not divide by zero', () => {
		expect(adjustedRandIndex([], [])).toBe(1);
		expect(adjustedRandIndex(['a', 'b', 'c'], ['x', 'y', 'z'])).toBe(1);
		expect(adjustedRandIndex(['a', 'a', 'a'], ['x', 'x', 'x'])).toBe(1);
		expect(adjustedRandIndex(['a', 'b'], ['x', 'x'])).toBe(0);
		expect(() => adjustedRandIndex(['a'], [])).toThrow(RangeError);
	});

	test('notes in no group count as groups of one', () => {
		expect(groupLabels([{ noteIds: ['n1', 'n3'] }], ['n1', 'n2', 'n3', 'n4'])).toEqual(['g0', 'alone:n2', 'g0', 'alone:n4']);
	});
});
