import { clusterFrame, type Cluster } from './clusters.ts';
import type { Note } from './notes.ts';
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
