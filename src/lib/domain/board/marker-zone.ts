import { clampValue } from './positioning.ts';

/**
 * Where a value sits on a scale, in five zones that words can name: right by a pole, nearer
 * one pole, or in the middle. Screen readers and text tables read these instead of a number
 * alone; the edges are inclusive towards the poles so 10 and 90 still read "close to".
 */
export type MarkerZone = 'left-end' | 'left' | 'middle' | 'right' | 'right-end';

export function markerZone(value: number): MarkerZone {
	const v = clampValue(value);
	if (v <= 10) return 'left-end';
	if (v < 45) return 'left';
	if (v <= 55) return 'middle';
	if (v < 90) return 'right';
	return 'right-end';
}

/** The pole a zone leans towards (none in the middle). */
export function zoneSide(zone: MarkerZone): 'left' | 'right' | null {
	return zone === 'middle' ? null : zone.startsWith('left') ? 'left' : 'right';
}
