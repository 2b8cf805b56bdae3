import { describe, expect, test } from 'vitest';
import { contentBounds, fitView, frameAt, layoutBoard, noteSpotInView, notesInRect, placeInView, sectionSlot, unionOf, type Rect } from './layout.ts';
import { clusterFrame } from './clusters.ts';
import type { Note } from './notes.ts';
import type { Cluster } from './clusters.ts';

const note = (id: string, x: number, y: number, clusterId?: string): Note => ({
	id,
	text: id,
	x,
	y,
	color: 'yellow',
	authorId: '',
	authorCategory: 'agent',
	createdAt: 0,
	updatedAt: 0,
	...(clusterId ? { clusterId } : {})
});
const cluster: Cluster = { id: 'c1', label: 'Horaires', color: 'blue', x: 2000, y: 40, order: 0, createdAt: 0 };

describe('board layout', () => {
	test('clustered notes sit in their cluster’s frame, whatever their own position; loose notes keep theirs', () => {
		const layout = layoutBoard([note('a', 10, 10, 'c1'), note('b', 50, 60), note('c', 900, 900, 'c1')], [cluster]);
		expect(layout.notes.get('b')).toEqual({ x: 50, y: 60 });
		const frame = layout.clusters.get('c1')!;
		for (const id of ['a', 'c']) {
			const p = layout.notes.get(id)!;
			expect(frameAt([frame], p.x + 1, p.y + 1)?.id).toBe('c1');
		}
		expect(layout.members.get('c1')).toEqual(['a', 'c']);
	});

	test('a drop point inside a frame finds it; outside finds none', () => {
		const layout = layoutBoard([], [cluster]);
		expect(frameAt(layout.clusters.values(), 2010, 50)?.id).toBe('c1');
		expect(frameAt(layout.clusters.values(), 100, 100)).toBeNull();
	});

	test('a selection rectangle drawn in any direction picks the notes it meets', () => {
		const layout = layoutBoard([note('a', 0, 0), note('b', 500, 500)], []);
		expect(notesInRect(layout, { x: 300, y: 300 }, { x: 10, y: 10 })).toEqual(['a']);
		expect(notesInRect(layout, { x: 0, y: 0 }, { x: 600, y: 600 }).sort()).toEqual(['a', 'b']);
	});

	test('notes written into a section fill it row by row', () => {
		const s = { x: 100, y: 100, width: 640 };
		expect(sectionSlot(s, 0)).toEqual({ x: 116, y: 156 });
		expect(sectionSlot(s, 3).y).toBeGreaterThan(sectionSlot(s, 2).y);
	});

	const inside = (r: Rect, v: Rect) => r.x >= v.x && r.y >= v.y && r.x + r.width <= v.x + v.width && r.y + r.height <= v.y + v.height;
	const overlap = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

	test('accepted clusters are placed side by side inside the visible area, without overlapping', () => {
		const view = { x: 600, y: 400, width: 1400, height: 900 };
		const sizes = [2, 3, 5].map((n) => clusterFrame({ x: 0, y: 0 }, n));
		const spots = placeInView(view, sizes);
		const rects = spots.map((p, i) => ({ ...p, width: sizes[i].width, height: sizes[i].height }));
		for (const r of rects) expect(inside(r, view), JSON.stringify(r)).toBe(true);
		for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) expect(overlap(rects[i], rects[j])).toBe(false);
		// Next to each other: the first row holds as many as fit the view's width.
		expect(rects[1].y).toBe(rects[0].y);
	});

	test('frames too many for a narrow view wrap into rows and stay on the board', () => {
		const view = { x: 3800, y: 2900, width: 300, height: 300 };
		const spots = placeInView(view, [{ width: 432, height: 364 }, { width: 432, height: 364 }]);
		for (const p of spots) {
			expect(p.x + 432).toBeLessThanOrEqual(4000);
			expect(p.y + 364).toBeLessThanOrEqual(3000);
		}
	});

	test('fit to screen picks the largest zoom that shows everything and centres it', () => {
		const zooms = [0.25, 0.4, 0.6, 0.75, 1, 1.25];
		const layout = layoutBoard([note('a', 100, 100), note('b', 2000, 1200)], []);
		const bounds = contentBounds(layout)!;
		expect(bounds).toEqual({ x: 100, y: 100, width: 2080, height: 1230 });
		const fit = fitView(bounds, { width: 1000, height: 700 }, zooms);
		expect(zooms[fit.level]).toBe(0.4);
		const z = zooms[fit.level];
		// The whole content lies within the scrolled viewport.
		expect(bounds.x * z).toBeGreaterThanOrEqual(fit.left);
		expect((bounds.x + bounds.width) * z).toBeLessThanOrEqual(fit.left + 1000);
		expect(bounds.y * z).toBeGreaterThanOrEqual(fit.top);
		expect((bounds.y + bounds.height) * z).toBeLessThanOrEqual(fit.top + 700);
		// A single note fits at the largest zoom; nothing fits a tiny screen → the smallest zoom.
		expect(fitView({ x: 0, y: 0, width: 180, height: 130 }, { width: 1000, height: 700 }, zooms).level).toBe(5);
		expect(fitView(bounds, { width: 10, height: 10 }, zooms)).toMatchObject({ level: 0, left: expect.any(Number) });
		expect(contentBounds(layoutBoard([], []))).toBeNull();
		expect(unionOf([])).toBeNull();
	});

	test('a new note lands inside what the facilitator looks at', () => {
		const view = { x: 1000, y: 800, width: 1200, height: 800 };
		for (let i = 0; i < 12; i++) expect(inside({ ...noteSpotInView(view, i), width: 180, height: 130 }, view)).toBe(true);
	});
});
