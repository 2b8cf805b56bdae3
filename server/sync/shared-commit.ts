import type { Db } from '../db/db.ts';
import { storeBatches, type BoardBatch } from '../db/repositories/update-batch.ts';

/** Where a board's group commit is written (update-log.ts). */
export interface BatchStore {
	/** `alone`: not in a shared transaction (a board whose last write failed, so as not to fail the others' again). */
	store(batch: BoardBatch, options?: { alone?: boolean }): Promise<number | null>;
	/** Runs `fn` at the wall-clock time `due`, in one callback with everything else due then; returns its cancel. */
	at(due: number, fn: () => void): () => void;
}

/** Boards in one transaction at most (a multi-row insert's parameters stay far below PostgreSQL's 65,535). */
const MAX_BOARDS = 200;

/**
 * The group commits of every board of this process that come due in the same turn of the event
 * loop, written in one transaction. Editors' writes are aligned on a shared clock (update-log.ts),
 * so on a server holding many busy workshops they come due together: twenty boards written four
 * times a second were eighty transactions a second, and are now four. A board's own rules are
 * unchanged: each board has one write in flight at most, and waits for its own result.
 *
 * If a shared transaction fails, each board is written again alone at once, so that one board's
 * failure (its workshop erased meanwhile, say) never holds back the others; during an outage each
 * then fails alone and backs off on its own, as before.
 */
export class SharedCommit implements BatchStore {
	private queue: Array<{ batch: BoardBatch; alone: boolean; resolve: (seq: number | null) => void; reject: (e: unknown) => void }> = [];
	private armed = false;
	/** One timer per tick: boards' own timers for the same time could fire a loop turn apart (Node's clock is not the wall clock). */
	private readonly ticks = new Map<number, { fns: Set<() => void>; timeout: ReturnType<typeof setTimeout> }>();

	constructor(private readonly db: Db) {}

	at(due: number, fn: () => void): () => void {
		let tick = this.ticks.get(due);
		if (!tick) {
			const fns = new Set<() => void>();
			const timeout = setTimeout(
				() => {
					this.ticks.delete(due);
					for (const f of fns) f();
				},
				Math.max(0, due - Date.now())
			);
			tick = { fns, timeout };
			this.ticks.set(due, tick);
		}
		const mine = tick;
		mine.fns.add(fn);
		return () => {
			mine.fns.delete(fn);
			if (mine.fns.size > 0 || this.ticks.get(due) !== mine) return;
			clearTimeout(mine.timeout);
			this.ticks.delete(due);
		};
	}

	store(batch: BoardBatch, options: { alone?: boolean } = {}): Promise<number | null> {
		return new Promise((resolve, reject) => {
			this.queue.push({ batch, alone: options.alone ?? false, resolve, reject });
			if (this.armed) return;
			this.armed = true;
			// After the timers and socket reads of this turn, which may bring other boards' batches.
			setImmediate(() => this.flush());
		});
	}

	private flush(): void {
		this.armed = false;
		let queue = this.queue;
		this.queue = [];
		while (queue.length) {
			const group: typeof queue = [];
			const later: typeof queue = [];
			const boards = new Set<string>();
			for (const entry of queue) {
				if (entry.alone) void this.write([entry]);
				else if (group.length < MAX_BOARDS && !boards.has(entry.batch.workshopId)) {
					boards.add(entry.batch.workshopId);
					group.push(entry);
				} else later.push(entry);
			}
			if (group.length) void this.write(group);
			queue = later;
		}
	}

	private async write(group: typeof this.queue): Promise<void> {
		try {
			const seqs = await storeBatches(
				this.db,
				group.map((e) => e.batch)
			);
			group.forEach((e, i) => e.resolve(seqs[i]));
		} catch (e) {
			if (group.length === 1) return group[0].reject(e);
			for (const entry of group) storeBatches(this.db, [entry.batch]).then(([seq]) => entry.resolve(seq), entry.reject);
		}
	}
}
