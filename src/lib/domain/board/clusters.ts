import * as Y from 'yjs';
import { NOTE_COLORS, clampPosition, notesOf, type NoteColor } from './notes.ts';
import { cleanText, num, str } from './fields.ts';

/** A cluster (regroupement): a named group of notes, laid out as a frame on the board. */
export interface Cluster {
	id: string;
	label: string;
	color: NoteColor;
	x: number;
	y: number;
	/** Reading order (projector, exports, keyboard): lower first. */
	order: number;
	createdAt: number;
}

export const CLUSTER_LABEL_MAX = 120;
const CLUSTERS = 'clusters';

/**
 * Clusters are never deleted from the document: a dissolved or merged cluster keeps a small
 * tombstone (`removed`, and `mergedInto` for a merge). A note moved into it at the same
 * moment on another screen then still finds where it belongs ({@link repairClusters}),
 * instead of pointing at nothing.
 */
export function clustersOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap<Y.Map<unknown>>(CLUSTERS);
}

export function cleanClusterLabel(input: unknown): string | null {
	return cleanText(input, CLUSTER_LABEL_MAX);
}

function readCluster(id: string, m: Y.Map<unknown>): Cluster | null {
	if (!(m instanceof Y.Map) || m.get('removed') === true) return null;
	const color = m.get('color');
	return {
		id,
		label: str(m, 'label'),
		color: (NOTE_COLORS as readonly unknown[]).includes(color) ? (color as NoteColor) : 'blue',
		x: num(m, 'x'),
		y: num(m, 'y'),
		order: num(m, 'order'),
		createdAt: num(m, 'createdAt')
	};
}

/** Live clusters in reading order (ties by id, so every client lists them alike). */
export function readClusters(doc: Y.Doc): Cluster[] {
	const out: Cluster[] = [];
	clustersOf(doc).forEach((m, id) => {
		const c = readCluster(id, m);
		if (c) out.push(c);
	});
	return out.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

export function isLiveCluster(doc: Y.Doc, id: string): boolean {
	const m = clustersOf(doc).get(id);
	return m instanceof Y.Map && m.get('removed') !== true;
}

export interface NewCluster {
	id: string;
	label: string;
	color?: NoteColor;
	x?: number;
	y?: number;
	now: number;
}

/** Adds a cluster after the others; where it goes on the board defaults to the next free slot. */
export function createCluster(doc: Y.Doc, c: NewCluster, origin?: unknown): void {
	doc.transact(() => {
		const clusters = clustersOf(doc);
		const existing = readClusters(doc);
		const count = existing.length;
		const order = Math.max(0, ...existing.map((x) => x.order + 1));
		const at = c.x !== undefined && c.y !== undefined ? clampPosition(c.x, c.y) : nextClusterPosition(count);
		const m = new Y.Map<unknown>();
		m.set('label', cleanClusterLabel(c.label) ?? '');
		m.set('color', c.color ?? NOTE_COLORS[(count + 2) % NOTE_COLORS.length]);
		m.set('x', at.x);
		m.set('y', at.y);
		m.set('order', order);
		m.set('createdAt', c.now);
		clusters.set(c.id, m);
	}, origin);
}

/** Renames, recolours or moves a cluster; false when it does not exist (any more). */
export function updateCluster(
	doc: Y.Doc,
	id: string,
	patch: Partial<Pick<Cluster, 'label' | 'color' | 'x' | 'y' | 'order'>>,
	origin?: unknown
): boolean {
	const m = clustersOf(doc).get(id);
	if (!(m instanceof Y.Map) || m.get('removed') === true) return false;
	doc.transact(() => {
		if (patch.label !== undefined) m.set('label', cleanClusterLabel(patch.label) ?? str(m, 'label'));
		if (patch.color !== undefined) m.set('color', patch.color);
		if (patch.x !== undefined || patch.y !== undefined) {
			const at = clampPosition(patch.x ?? num(m, 'x'), patch.y ?? num(m, 'y'));
			m.set('x', at.x);
			m.set('y', at.y);
		}
		if (patch.order !== undefined) m.set('order', patch.order);
	}, origin);
	return true;
}

/** Puts notes into a cluster (or, with null, takes them out), in one transaction. */
export function assignNotes(doc: Y.Doc, noteIds: readonly string[], clusterId: string | null, now: number, origin?: unknown): number {
	if (clusterId !== null && !isLiveCluster(doc, clusterId)) return 0;
	let changed = 0;
	doc.transact(() => {
		const notes = notesOf(doc);
		for (const id of noteIds) {
			const m = notes.get(id);
			if (!(m instanceof Y.Map)) continue;
			if ((m.get('clusterId') ?? null) === clusterId) continue;
			if (clusterId === null) m.delete('clusterId');
			else m.set('clusterId', clusterId);
			m.set('updatedAt', now);
			changed++;
		}
	}, origin);
	return changed;
}

function notesIn(doc: Y.Doc, clusterIds: ReadonlySet<string>): string[] {
	const ids: string[] = [];
	notesOf(doc).forEach((m, id) => {
		if (m instanceof Y.Map && clusterIds.has(m.get('clusterId') as string)) ids.push(id);
	});
	return ids;
}

/** Dissolves a cluster: its notes stay on the board, unclustered. */
export function dissolveCluster(doc: Y.Doc, id: string, now: number, origin?: unknown): boolean {
	const m = clustersOf(doc).get(id);
	if (!(m instanceof Y.Map) || m.get('removed') === true) return false;
	doc.transact(() => {
		assignNotes(doc, notesIn(doc, new Set([id])), null, now);
		m.set('removed', true);
	}, origin);
	return true;
}

/** Merges clusters into `intoId`: their notes join it and they are gone. */
export function mergeClusters(doc: Y.Doc, intoId: string, fromIds: readonly string[], now: number, origin?: unknown): boolean {
	const from = fromIds.filter((id) => id !== intoId && isLiveCluster(doc, id));
	if (!isLiveCluster(doc, intoId) || from.length === 0) return false;
	doc.transact(() => {
		assignNotes(doc, notesIn(doc, new Set(from)), intoId, now);
		for (const id of from) {
			const m = clustersOf(doc).get(id)!;
			m.set('removed', true);
			m.set('mergedInto', intoId);
		}
	}, origin);
	return true;
}

/**
 * Follows a cluster through merges: the live cluster it leads to, null when it was dissolved
 * (or merged in a cycle), or undefined when a cluster on the way has not reached this
 * document yet (updates from two screens can arrive in either order).
 */
function follow(doc: Y.Doc, id: string): string | null | undefined {
	const seen = new Set<string>();
	let current: string | undefined = id;
	while (current !== undefined && !seen.has(current)) {
		seen.add(current);
		const m = clustersOf(doc).get(current);
		if (!(m instanceof Y.Map)) return undefined;
		if (m.get('removed') !== true) return current;
		const next = m.get('mergedInto');
		current = typeof next === 'string' ? next : undefined;
	}
	return null;
}

/**
 * Where a note whose cluster was dissolved or merged away belongs: the cluster it was merged
 * into (following chains of merges), or none. Unknown ids (a cluster that has not reached this
 * document) also read as none.
 */
export function resolveCluster(doc: Y.Doc, id: string | undefined): string | null {
	return id === undefined ? null : (follow(doc, id) ?? null);
}

/**
 * Concurrent edits can leave a note in a cluster another screen removed at the same moment.
 * This puts each such note where it belongs ({@link resolveCluster}). Every client that runs
 * it writes the same values, so repairs from several screens converge. A note in a cluster
 * this document has not received yet is left alone: taking it out would be a newer write
 * that wins over the move once the cluster arrives.
 */
export function repairClusters(doc: Y.Doc, now: number, origin?: unknown): number {
	const fixes = strandedNotes(doc);
	if (fixes.length === 0) return 0;
	doc.transact(() => {
		for (const [id, target] of fixes) assignNotes(doc, [id], target, now);
	}, origin);
	return fixes.length;
}

/** Notes that {@link repairClusters} would move, each with where it belongs (a cheap check). */
export function strandedNotes(doc: Y.Doc): Array<[string, string | null]> {
	const fixes: Array<[string, string | null]> = [];
	notesOf(doc).forEach((m, id) => {
		if (!(m instanceof Y.Map)) return;
		const current = m.get('clusterId');
		if (typeof current !== 'string') return;
		const target = follow(doc, current);
		if (target !== undefined && target !== current) fixes.push([id, target]);
	});
	return fixes;
}

/** Board units of the frame a cluster draws around its notes. */
export const CLUSTER_CELL = { width: 200, height: 150 } as const;
export const CLUSTER_HEADER = 64;
export const CLUSTER_COLUMNS = 2;
const CLUSTER_PADDING = 16;

/** Size of a cluster's frame for `count` notes, and where its i-th note sits (board units). */
export function clusterFrame(cluster: Pick<Cluster, 'x' | 'y'>, count: number) {
	const rows = Math.max(1, Math.ceil(count / CLUSTER_COLUMNS));
	return {
		width: CLUSTER_COLUMNS * CLUSTER_CELL.width + 2 * CLUSTER_PADDING,
		height: CLUSTER_HEADER + rows * CLUSTER_CELL.height + CLUSTER_PADDING,
		slot: (i: number) => ({
			x: cluster.x + CLUSTER_PADDING + (i % CLUSTER_COLUMNS) * CLUSTER_CELL.width,
			y: cluster.y + CLUSTER_HEADER + Math.floor(i / CLUSTER_COLUMNS) * CLUSTER_CELL.height
		})
	};
}

/** New clusters line up on the right half of the board (loose notes fill the left half). */
export function nextClusterPosition(count: number): { x: number; y: number } {
	const perRow = 4;
	return clampPosition(2000 + (count % perRow) * 480, 40 + Math.floor(count / perRow) * 700);
}
