import { clusterFrame, type Cluster } from './clusters.ts';
import { BOARD_HEIGHT, BOARD_WIDTH, type Note } from './notes.ts';
import type { Section } from './sections.ts';

/** Size of a note on the board's logical plane; grids leave a gap around it. */
export const NOTE_SIZE = { width: 180, height: 130 } as const;

export interface Frame {
	id: string;
	x: number;
	y: number;
	width: number;
	height: number;
}

export interface BoardLayout {
	/** Where every note is drawn: its own place, or its slot in its cluster's frame. */
	notes: Map<string, { x: number; y: number }>;
	clusters: Map<string, Frame>;
	/** Notes of each cluster in reading order (oldest first). */
	members: Map<string, string[]>;
}

/** Where everything is drawn. Clustered notes are laid out by their cluster, so they never overlap. */
export function layoutBoard(notes: readonly Note[], clusters: readonly Cluster[]): BoardLayout {
	const members = new Map<string, string[]>(clusters.map((c) => [c.id, []]));
	for (const n of notes) if (n.clusterId) members.get(n.clusterId)?.push(n.id);
	const placed = new Map<string, { x: number; y: number }>();
	const frames = new Map<string, Frame>();
	for (const c of clusters) {
		const ids = members.get(c.id)!;
		const f = clusterFrame(c, ids.length);
		frames.set(c.id, { id: c.id, x: c.x, y: c.y, width: f.width, height: f.height });
		ids.forEach((id, i) => placed.set(id, f.slot(i)));
	}
	for (const n of notes) if (!placed.has(n.id)) placed.set(n.id, { x: n.x, y: n.y });
	return { notes: placed, clusters: frames, members };
}

/** The frame under a point of the board (the last drawn wins, as on screen), or null. */
export function frameAt(frames: Iterable<Frame>, x: number, y: number): Frame | null {
	let hit: Frame | null = null;
	for (const f of frames) if (x >= f.x && x <= f.x + f.width && y >= f.y && y <= f.y + f.height) hit = f;
	return hit;
}

/** Notes whose drawn rectangle meets a selection rectangle (any corner order). */
export function notesInRect(layout: BoardLayout, a: { x: number; y: number }, b: { x: number; y: number }): string[] {
	const [x0, x1] = [Math.min(a.x, b.x), Math.max(a.x, b.x)];
	const [y0, y1] = [Math.min(a.y, b.y), Math.max(a.y, b.y)];
	const out: string[] = [];
	for (const [id, p] of layout.notes)
		if (p.x < x1 && p.x + NOTE_SIZE.width > x0 && p.y < y1 && p.y + NOTE_SIZE.height > y0) out.push(id);
	return out;
}

/** Where the i-th note written into a section goes: a grid under its title. */
export function sectionSlot(section: Pick<Section, 'x' | 'y' | 'width'>, i: number): { x: number; y: number } {
	const perRow = Math.max(1, Math.floor((section.width - 32) / (NOTE_SIZE.width + 20)));
	return { x: section.x + 16 + (i % perRow) * (NOTE_SIZE.width + 20), y: section.y + 56 + Math.floor(i / perRow) * (NOTE_SIZE.height + 20) };
}

/** A rectangle on the board's logical plane. */
export interface Rect {
	x: number;
	y: number;
	width: number;
	height: number;
}

/** The smallest rectangle holding every drawn note and cluster frame, or null on an empty board. */
export function contentBounds(layout: BoardLayout): Rect | null {
	const rects: Rect[] = [...layout.clusters.values()];
	for (const p of layout.notes.values()) rects.push({ ...p, ...NOTE_SIZE });
	return unionOf(rects);
}

/** The union of rectangles, or null for none. */
export function unionOf(rects: Iterable<Rect>): Rect | null {
	let x0 = Infinity,
		y0 = Infinity,
		x1 = -Infinity,
		y1 = -Infinity;
	for (const r of rects) {
		x0 = Math.min(x0, r.x);
		y0 = Math.min(y0, r.y);
		x1 = Math.max(x1, r.x + r.width);
		y1 = Math.max(y1, r.y + r.height);
	}
	return x0 === Infinity ? null : { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * "Fit to screen": the largest of the view's zoom levels at which `bounds` (plus a margin) fits in
 * a viewport of `screen` pixels, and the scroll offsets (pixels) that centre it; the smallest zoom
 * when nothing fits. Offsets never go below 0 (the plane starts there).
 */
export function fitView(
	bounds: Rect,
	screen: { width: number; height: number },
	zooms: readonly number[],
	margin = 24
): { level: number; left: number; top: number } {
	let level = 0;
	zooms.forEach((z, i) => {
		if ((bounds.width + 2 * margin) * z <= screen.width && (bounds.height + 2 * margin) * z <= screen.height && z >= zooms[level]) level = i;
	});
	const z = zooms[level];
	const left = Math.max(0, Math.round((bounds.x + bounds.width / 2) * z - screen.width / 2));
	const top = Math.max(0, Math.round((bounds.y + bounds.height / 2) * z - screen.height / 2));
	return { level, left, top };
}

/**
 * Where to put new frames (accepted cluster suggestions, in order) so they land where the
 * facilitator looks: side by side in rows from the visible area's top left corner, wrapping at
 * its right edge, kept on the board. Rows that do not fit under the view continue below it
 * (the view then fits itself to them).
 */
export function placeInView(view: Rect, sizes: readonly { width: number; height: number }[], gap = 24): { x: number; y: number }[] {
	const left = Math.max(0, view.x) + gap;
	const right = Math.min(BOARD_WIDTH, view.x + view.width);
	let x = left;
	let y = Math.max(0, view.y) + gap;
	let rowHeight = 0;
	return sizes.map((s) => {
		if (x > left && x + s.width > right) {
			x = left;
			y += rowHeight + gap;
			rowHeight = 0;
		}
		const at = { x: Math.max(0, Math.min(BOARD_WIDTH - s.width, x)), y: Math.max(0, Math.min(BOARD_HEIGHT - s.height, y)) };
		x += s.width + gap;
		rowHeight = Math.max(rowHeight, s.height);
		return at;
	});
}

/** Where a facilitator's new note lands when placed by nobody: near the top left of what they look at. */
export function noteSpotInView(view: Rect, taken: number): { x: number; y: number } {
	const cols = Math.max(1, Math.floor((view.width - 48) / (NOTE_SIZE.width + 20)));
	const i = taken % (cols * 3);
	return placeInView(view, [NOTE_SIZE], 0).map((p) => ({
		x: Math.min(BOARD_WIDTH - NOTE_SIZE.width, p.x + 24 + (i % cols) * (NOTE_SIZE.width + 20)),
		y: Math.min(BOARD_HEIGHT - NOTE_SIZE.height, p.y + 24 + Math.floor(i / cols) * (NOTE_SIZE.height + 20))
	}))[0];
}
