import * as Y from 'yjs';
import { CATEGORIES, isCategory, type Category } from '../workshop/categories.ts';
import { childMap, num, str } from './fields.ts';
import { median } from '../stats/median.ts';

/**
 * Positioning (the Strasbourg method's second sequence): a scale between two poles, e.g.
 * "relation idéale" ↔ "relation chaotique"; each participant places one marker on it.
 * A scale made for a positioning phase has that phase's id, so the phase and its scale meet
 * without another table. Markers are keyed by participant id: one marker each by construction.
 */
export interface Scale {
	id: string;
	leftPole: string;
	rightPole: string;
	createdAt: number;
	markers: Marker[];
}

export interface Marker {
	participantId: string;
	category: Category;
	/** 0 at the left pole, 100 at the right one. */
	value: number;
	at: number;
}

export const SCALE_MIN = 0;
export const SCALE_MAX = 100;
const POSITIONING = 'positioning';

export function scalesOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap<Y.Map<unknown>>(POSITIONING);
}

function readMarkers(m: Y.Map<unknown>): Marker[] {
	const markers = m.get('markers');
	if (!(markers instanceof Y.Map)) return [];
	const out: Marker[] = [];
	markers.forEach((v, participantId) => {
		if (typeof v !== 'object' || v === null) return;
		const o = v as Record<string, unknown>;
		if (typeof o.value !== 'number' || !isCategory(o.category)) return;
		out.push({ participantId, category: o.category, value: clampValue(o.value), at: typeof o.at === 'number' ? o.at : 0 });
	});
	return out.sort((a, b) => a.participantId.localeCompare(b.participantId));
}

export function readScale(doc: Y.Doc, id: string): Scale | null {
	const m = scalesOf(doc).get(id);
	if (!(m instanceof Y.Map)) return null;
	return { id, leftPole: str(m, 'leftPole'), rightPole: str(m, 'rightPole'), createdAt: num(m, 'createdAt'), markers: readMarkers(m) };
}

export function readScales(doc: Y.Doc): Scale[] {
	return [...scalesOf(doc).keys()]
		.map((id) => readScale(doc, id))
		.filter((s): s is Scale => s !== null)
		.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export function clampValue(v: number): number {
	return Number.isFinite(v) ? Math.min(SCALE_MAX, Math.max(SCALE_MIN, Math.round(v))) : 50;
}

/** Makes the scale if missing and keeps its poles in step with the phase that defines them. */
export function ensureScale(doc: Y.Doc, id: string, poles: { leftPole: string; rightPole: string }, now: number, origin?: unknown): void {
	const existing = scalesOf(doc).get(id);
	if (existing instanceof Y.Map && str(existing, 'leftPole') === poles.leftPole && str(existing, 'rightPole') === poles.rightPole) return;
	doc.transact(() => {
		let m = scalesOf(doc).get(id);
		if (!(m instanceof Y.Map)) {
			m = new Y.Map<unknown>();
			m.set('createdAt', now);
			// Made with the scale, not on the first marker: see createPersona.
			m.set('markers', new Y.Map());
			scalesOf(doc).set(id, m);
		}
		m.set('leftPole', poles.leftPole);
		m.set('rightPole', poles.rightPole);
	}, origin);
}

/** Places (or moves) one participant's marker. */
export function placeMarker(doc: Y.Doc, scaleId: string, marker: Marker, origin?: unknown): boolean {
	const m = scalesOf(doc).get(scaleId);
	if (!(m instanceof Y.Map)) return false;
	doc.transact(
		() => childMap(m, 'markers').set(marker.participantId, { category: marker.category, value: clampValue(marker.value), at: marker.at }),
		origin
	);
	return true;
}

export interface Spread {
	category: Category;
	count: number;
	mean: number;
	median: number;
	min: number;
	max: number;
	/** Markers per fifth of the scale, left to right. */
	bins: [number, number, number, number, number];
}

/** Where each category stands on the scale: the facilitator's view of agreement and gaps. */
export function spreadByCategory(markers: readonly Marker[]): Spread[] {
	const out: Spread[] = [];
	for (const category of CATEGORIES) {
		const values = markers.filter((m) => m.category === category).map((m) => m.value).sort((a, b) => a - b);
		if (values.length === 0) continue;
		const bins: Spread['bins'] = [0, 0, 0, 0, 0];
		for (const v of values) bins[Math.min(4, Math.floor(v / 20))]++;
		out.push({
			category,
			count: values.length,
			mean: Math.round(values.reduce((s, v) => s + v, 0) / values.length),
			median: median(values)!,
			min: values[0],
			max: values[values.length - 1],
			bins
		});
	}
	return out;
}
