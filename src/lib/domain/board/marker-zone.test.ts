import { describe, expect, test } from 'vitest';
import { markerZone, zoneSide } from './marker-zone.ts';

describe('markerZone', () => {
	test.each([
		[0, 'left-end'],
		[10, 'left-end'],
		[11, 'left'],
		[30, 'left'],
		[45, 'middle'],
		[50, 'middle'],
		[55, 'middle'],
		[56, 'right'],
		[89, 'right'],
		[90, 'right-end'],
		[100, 'right-end']
	] as const)('%i reads as %s', (value, zone) => {
		expect(markerZone(value)).toBe(zone);
	});
	test('out-of-range or broken values read as where they are clamped to', () => {
		expect(markerZone(-20)).toBe('left-end');
		expect(markerZone(400)).toBe('right-end');
		expect(markerZone(Number.NaN)).toBe('middle');
	});
	test('each zone leans towards one pole, except the middle', () => {
		expect(zoneSide('left-end')).toBe('left');
		expect(zoneSide('right')).toBe('right');
		expect(zoneSide('middle')).toBeNull();
	});
});
