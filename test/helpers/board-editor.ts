import * as Y from 'yjs';
import type { Prng } from './prng.ts';
import { BOARD_HEIGHT, BOARD_WIDTH, NOTE_COLORS, insertNote, notesOf, removeNote, updateNote } from '../../src/lib/domain/board/notes.ts';
import { assignNotes, createCluster, dissolveCluster, isLiveCluster, mergeClusters, readClusters, updateCluster } from '../../src/lib/domain/board/clusters.ts';
import { boardMaps, readBoard } from '../../src/lib/domain/board/board.ts';

/**
 * A simulated editor for convergence tests: random edits of the board through the typed
 * helpers only (what BoardState does for a facilitator or an editor), chosen from what this
 * replica sees at that moment. Shared by the in-memory test and the one against the server.
 */
const EDITS = [
	['create note', 4],
	['move note', 3],
	['create cluster', 2],
	['cluster notes', 3],
	['merge clusters', 1],
	['dissolve cluster', 1],
	['delete note', 1],
	['rename cluster', 1]
] as const;
type Edit = (typeof EDITS)[number][0];
const TOTAL_WEIGHT = EDITS.reduce((sum, [, w]) => sum + w, 0);

/** What every editor did, so the end state can be checked against intent, not only agreement. */
export interface EditLog {
	notesCreated: Set<string>;
	notesDeleted: Set<string>;
	clustersCreated: Set<string>;
	clustersRemoved: Set<string>;
}

export function editLog(): EditLog {
	return { notesCreated: new Set(), notesDeleted: new Set(), clustersCreated: new Set(), clustersRemoved: new Set() };
}

function pickEdit(r: Prng): Edit {
	let roll = r.next() * TOTAL_WEIGHT;
	for (const [edit, weight] of EDITS) {
		roll -= weight;
		if (roll < 0) return edit;
	}
	return 'create note';
}

function some<T>(r: Prng, items: readonly T[], max: number): T[] {
	const pool = [...items];
	const out: T[] = [];
	for (let n = 1 + r.int(max); n > 0 && pool.length > 0; n--) out.push(pool.splice(r.int(pool.length), 1)[0]);
	return out;
}

/**
 * One random edit by `editor` on `doc` at its `step`; ids are `<editor>-n<step>` and
 * `<editor>-c<step>` so they never collide. Returns a line for the failure log.
 */
export function randomEdit(doc: Y.Doc, r: Prng, editor: string, step: number, now: number, log: EditLog): string {
	// Sorted: what a replica holds is the same set whatever order it arrived in.
	const notes = [...notesOf(doc).keys()].sort();
	const clusters = readClusters(doc).map((c) => c.id);
	let edit = pickEdit(r);
	if (notes.length === 0 && edit !== 'create cluster') edit = 'create note';
	if (clusters.length === 0 && ['merge clusters', 'dissolve cluster', 'rename cluster', 'cluster notes'].includes(edit)) edit = 'create cluster';
	if (clusters.length < 2 && edit === 'merge clusters') edit = 'create cluster';

	switch (edit) {
		case 'create note': {
			const id = `${editor}-n${step}`;
			// Now and then straight into a cluster, as "add a note here" on a cluster's frame does.
			const into = clusters.length > 0 && r.next() < 0.3 ? r.pick(clusters) : undefined;
			insertNote(doc, {
				id,
				text: `idée ${id}`,
				x: r.int(BOARD_WIDTH),
				y: r.int(BOARD_HEIGHT),
				color: r.pick(NOTE_COLORS),
				authorId: editor,
				authorCategory: 'facilitator',
				createdAt: now,
				updatedAt: now,
				...(into ? { clusterId: into } : {})
			});
			log.notesCreated.add(id);
			return `${editor} creates ${id}${into ? ` in ${into}` : ''}`;
		}
		case 'move note': {
			const id = r.pick(notes);
			// Dragging a note out of its frame takes it out of the cluster (BoardState.moveMany).
			const out = r.next() < 0.3;
			updateNote(doc, id, { x: r.int(BOARD_WIDTH), y: r.int(BOARD_HEIGHT), ...(out ? { clusterId: null } : {}) }, now);
			return `${editor} moves ${id}${out ? ' out of its cluster' : ''}`;
		}
		case 'create cluster': {
			const id = `${editor}-c${step}`;
			const members = notes.length > 0 ? some(r, notes, 4) : [];
			doc.transact(() => {
				createCluster(doc, { id, label: `Groupe ${id}`, now });
				assignNotes(doc, members, id, now);
			});
			log.clustersCreated.add(id);
			return `${editor} creates ${id} with ${members.join(',')}`;
		}
		case 'cluster notes': {
			const members = some(r, notes, 4);
			const into = r.next() < 0.15 ? null : r.pick(clusters);
			assignNotes(doc, members, into, now);
			return `${editor} puts ${members.join(',')} in ${into ?? 'no cluster'}`;
		}
		case 'merge clusters': {
			const [into, ...from] = some(r, clusters, 3);
			const others = from.length > 0 ? from : clusters.filter((c) => c !== into).slice(0, 1);
			mergeClusters(doc, into, others, now);
			for (const id of others) log.clustersRemoved.add(id);
			return `${editor} merges ${others.join(',')} into ${into}`;
		}
		case 'dissolve cluster': {
			const id = r.pick(clusters);
			dissolveCluster(doc, id, now);
			log.clustersRemoved.add(id);
			return `${editor} dissolves ${id}`;
		}
		case 'delete note': {
			const id = r.pick(notes);
			removeNote(doc, id);
			log.notesDeleted.add(id);
			return `${editor} deletes ${id}`;
		}
		case 'rename cluster': {
			const id = r.pick(clusters);
			updateCluster(doc, id, { label: `Renommé par ${editor} (${step})` });
			return `${editor} renames ${id}`;
		}
	}
}

/**
 * Notes whose stored cluster (not the one readBoard resolves) is removed or absent: what
 * repairClusters must leave none of once every replica has everything.
 */
export function strandedNotes(doc: Y.Doc): string[] {
	const out: string[] = [];
	notesOf(doc).forEach((m, id) => {
		const clusterId = m instanceof Y.Map ? m.get('clusterId') : undefined;
		if (typeof clusterId === 'string' && !isLiveCluster(doc, clusterId)) out.push(`${id} → ${clusterId}`);
	});
	return out.sort();
}

/** Everything two replicas must agree on: the board as read, and each top-level map as stored. */
export function snapshot(doc: Y.Doc) {
	return { board: readBoard(doc), maps: boardMaps(doc).map((m) => m.toJSON()) };
}

/**
 * Whether all replicas have seen exactly the same updates: the same state vector (whose byte
 * order may differ) and the same content. A state vector counts insertions only: a deletion
 * (a note removed from its map) leaves it unchanged, so replicas with equal state vectors can
 * still wait for a delete; the content check waits for those too.
 */
export function sameReplicas(docs: readonly Y.Doc[]): boolean {
	const key = (d: Y.Doc) => JSON.stringify([...Y.decodeStateVector(Y.encodeStateVector(d))].sort((a, b) => a[0] - b[0]));
	const first = key(docs[0]);
	if (!docs.every((d) => key(d) === first)) return false;
	const content = canonical(snapshot(docs[0]));
	return docs.every((d) => canonical(snapshot(d)) === content);
}

/** JSON with object keys sorted: a map's keys come in the order its replica received them. */
function canonical(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) =>
		v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v
	);
}
