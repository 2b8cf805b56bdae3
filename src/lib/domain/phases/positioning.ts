import { defineKind } from './kind.ts';

/**
 * Each participant places one marker on a scale between two poles (the Strasbourg method's
 * second sequence). The server makes the scale when the phase starts; the room sees the
 * spread by collège.
 */
export const positioning = defineKind({
	type: 'positioning',
	settings: ['categories', 'leftPole', 'rightPole'],
	opens: ['marker.place'],
	phone: ['position'],
	showsSpread: true,
	onStart: ['prepare-scale']
});
