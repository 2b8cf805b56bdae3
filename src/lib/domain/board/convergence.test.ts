import * as Y from 'yjs';
import { describe, expect, onTestFailed, test } from 'vitest';
import { prng, type Prng } from '../../../../test/helpers/prng.ts';
import { editLog, randomEdit, sameReplicas, snapshot, strandedNotes, type EditLog } from '../../../../test/helpers/board-editor.ts';
import { repairClusters } from './clusters.ts';
import { boardProblems, readBoard } from './board.ts';

/**
 * 20 replicas of one board editing at once with no server: each replica's updates reach each
 * other in order, but the links interleave at random (so a note can arrive before the cluster
 * it was put in, when they came from different replicas), some replicas
 * are cut off in partitions for a while and catch up by state vector, as a provider does when
 * it reconnects. Every replica repairs after each change, as BoardState does on refresh.
 * Replay one seed with CONVERGENCE_SEED=<seed>.
 */
const PINNED = [1, 20261125, 424242];
const SEEDS = process.env.CONVERGENCE_SEED ? [Number(process.env.CONVERGENCE_SEED)] : PINNED;
const PEERS = 20;
const EDITS_EACH = 40;
const NETWORK = Symbol('network');

interface Message {
	from: number;
	to: number;
	update: Uint8Array;
}

class Network {
	readonly docs = Array.from({ length: PEERS }, () => new Y.Doc());
	/** Which partition each replica is in; messages only travel inside one. */
	readonly group = this.docs.map(() => 0);
	readonly queue: Message[] = [];
	readonly history: string[] = [];
	/** Notes put back where they belong by replicas along the way: proof the run had real conflicts. */
	repaired = 0;
	clock = 1;

	constructor(private readonly r: Prng) {
		this.docs.forEach((doc, i) =>
			doc.on('update', (update: Uint8Array, origin: unknown) => {
				// Only a replica's own changes are sent (repairs included); received ones are not relayed.
				if (origin === NETWORK) return;
				this.docs.forEach((_, j) => j !== i && this.group[j] === this.group[i] && this.queue.push({ from: i, to: j, update }));
			})
		);
	}

	/**
	 * Delivers on the link of the k-th waiting message: links are in order (like a socket), but
	 * which link delivers next is random. A message that would cross a partition is lost.
	 */
	deliver(k: number): void {
		const { from, to } = this.queue[k];
		const [m] = this.queue.splice(this.queue.findIndex((q) => q.from === from && q.to === to), 1);
		if (this.group[m.from] !== this.group[m.to]) return;
		Y.applyUpdate(this.docs[m.to], m.update, NETWORK);
		this.repaired += repairClusters(this.docs[m.to], this.clock++);
	}

	/** Moves a replica to another partition; it catches up both ways with each new neighbour, as peers do on connecting. */
	move(i: number, group: number): void {
		this.group[i] = group;
		this.history.push(`replica ${i} joins partition ${group}`);
		this.docs.forEach((other, j) => {
			if (j === i || this.group[j] !== group) return;
			this.queue.push({ from: j, to: i, update: Y.encodeStateAsUpdate(other, Y.encodeStateVector(this.docs[i])) });
			this.queue.push({ from: i, to: j, update: Y.encodeStateAsUpdate(this.docs[i], Y.encodeStateVector(other)) });
		});
	}

	/** Heals every partition and exchanges state until all replicas have seen every update. */
	settle(): void {
		this.group.fill(0);
		while (this.queue.length > 0) this.deliver(this.r.int(this.queue.length));
		for (let round = 0; round < 3 && !sameReplicas(this.docs); round++) {
			for (const doc of this.docs) {
				Y.applyUpdate(this.docs[0], Y.encodeStateAsUpdate(doc, Y.encodeStateVector(this.docs[0])), NETWORK);
			}
			for (const doc of this.docs.slice(1)) Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.docs[0], Y.encodeStateVector(doc)), NETWORK);
		}
		this.queue.length = 0;
	}
}

function run(seed: number): { net: Network; log: EditLog } {
	const r = prng(seed);
	const net = new Network(r);
	const log = editLog();
	const left = net.docs.map(() => EDITS_EACH);
	while (left.some((n) => n > 0) || net.queue.length > 0) {
		const roll = r.next();
		const editors = left.flatMap((n, i) => (n > 0 ? [i] : []));
		if (roll < 0.001) {
			// A replica goes into (or comes back from) a partition of its own or a neighbour's.
			net.move(r.int(PEERS), r.next() < 0.5 ? 0 : 1 + r.int(3));
		} else if (roll < 0.02 && editors.length > 0) {
			const i = r.pick(editors);
			const step = EDITS_EACH - left[i]--;
			net.history.push(randomEdit(net.docs[i], r, `e${i}`, step, net.clock++, log));
		} else if (net.queue.length > 0) {
			net.deliver(r.int(net.queue.length));
		}
	}
	net.settle();
	return { net, log };
}

describe('20 editors converge on one valid board (in memory, random order and partitions)', () => {
	test.each(SEEDS)('seed %i', (seed) => {
		const { net, log } = run(seed);
		const { docs } = net;
		onTestFailed(() => console.log(`last edits of seed ${seed}:\n${net.history.slice(-30).join('\n')}`));
		const context = `seed ${seed}; replay with CONVERGENCE_SEED=${seed}`;
		expect(sameReplicas(docs), context).toBe(true);

		// Every replica repairs what the last concurrent edits left, as BoardState does.
		docs.forEach((doc) => repairClusters(doc, net.clock));
		for (const doc of docs.slice(1)) Y.applyUpdate(docs[0], Y.encodeStateAsUpdate(doc, Y.encodeStateVector(docs[0])));
		for (const doc of docs.slice(1)) Y.applyUpdate(doc, Y.encodeStateAsUpdate(docs[0], Y.encodeStateVector(doc)));
		expect(sameReplicas(docs), context).toBe(true);

		const reference = snapshot(docs[0]);
		for (const doc of docs) expect(snapshot(doc), context).toEqual(reference);
		expect(boardProblems(reference.board), context).toEqual([]);
		expect(strandedNotes(docs[0]), context).toEqual([]);
		expect(repairClusters(docs[0], net.clock), `${context}: a second repair has nothing left to do`).toBe(0);

		// Agreement is not enough: nothing was lost and nothing deleted came back.
		const notes = readBoard(docs[0]).notes.map((n) => n.id);
		expect(notes.sort(), context).toEqual([...log.notesCreated].filter((id) => !log.notesDeleted.has(id)).sort());
		const clusters = reference.board.clusters.map((c) => c.id);
		expect(clusters.sort(), context).toEqual([...log.clustersCreated].filter((id) => !log.clustersRemoved.has(id)).sort());
		expect(reference.board.notes.length, `${context}: a board worth checking`).toBeGreaterThan(100);
		expect(net.repaired, `${context}: concurrent removals happened`).toBeGreaterThan(0);
	}, 90_000); // about 2 s a seed on an idle 2-core machine; room for a busy one
});
