import * as Y from 'yjs';
import type { Db } from '../db/db.ts';
import { compact } from '../db/repositories/yjs-log.ts';
import type { CommandRecord } from '../db/repositories/live-commands.ts';
import type { Log } from '../log.ts';
import { SharedCommit, type BatchStore } from './shared-commit.ts';
import type { UpdateSink } from './shared-doc.ts';

export interface UpdateLogOptions {
	/** The window while something waits for the store: a live command's acknowledgement, `stored()`. */
	commitWindowMs: number;
	/**
	 * The window while only editors' updates are pending, which nobody waits for and which an
	 * editor's provider sends again after a crash (default: commitWindowMs). Longer, because each
	 * write has a fixed cost however small the update: on the embedded database about a
	 * millisecond of CPU, since its code and data are out of the processor's caches again by
	 * the next write (measured: 0.3 ms for back-to-back inserts, 1.1–1.4 ms 20 ms apart or more).
	 */
	editWindowMs?: number;
	compactEvery: number;
	/** How long the board must be still before a due compaction runs (default 1 s). */
	compactQuietMs?: number;
}

/**
 * Group commit of one document's updates. Updates are broadcast by the room at once; here
 * they are merged and appended as one row: at once when the board was quiet (nothing written
 * for a window), else when the window since the last write has passed, with everything that
 * arrived meanwhile — the short window when a command or `stored()` waits, else the editors'
 * longer one (editWindowMs), on a clock shared by the process's boards so that boards due together
 * share one transaction (`editorsTick`, shared-commit.ts). A burst is still one row per window, while on a board edited now and then
 * an acknowledgement no longer waits a window for nothing, and an update needs no timer of its
 * own (CPU was not measurably lower for it: the write itself dominates). `stored()` resolves
 * once everything pushed before the call is in the database, which is what a live command
 * waits for before it is acknowledged. A failed write keeps the batch and retries with backoff.
 */
export class UpdateLog implements UpdateSink {
	private pending: Uint8Array[] = [];
	private pendingSince = 0;
	private waiters: Array<() => void> = [];
	/** Command records to store in the same transaction as the updates pushed before them. */
	private records: CommandRecord[] = [];
	/** The records of the batch being written (still unstored until it commits). */
	private writing: CommandRecord[] = [];
	/** Cancels the armed write (a timer, or an immediate), if any. */
	private timer: (() => void) | null = null;
	/** When the armed write fires (a waiter arriving brings a later one forward). */
	private timerDue = 0;
	/** When the latest write ended (0: none yet), which the next one waits a window after. */
	private lastWriteAt = 0;
	private compactTimer: ReturnType<typeof setTimeout> | null = null;
	/** When the latest update or record arrived (a due compaction waits for the board to be still). */
	private lastArrivalAt = 0;
	private running: Promise<void> | null = null;
	private failures = 0;
	private batchesSinceSnapshot = 0;
	private lastSeq: number;
	private closed = false;

	constructor(
		private readonly db: Db,
		private readonly workshopId: string,
		private readonly doc: Y.Doc,
		private readonly options: UpdateLogOptions,
		private readonly log: Log,
		lastSeq: number,
		storedBatches: number,
		/** Shared by the boards of a process (Rooms), so that boards due together share a transaction. */
		private readonly store: BatchStore = new SharedCommit(db)
	) {
		this.lastSeq = lastSeq;
		this.batchesSinceSnapshot = storedBatches;
	}

	push(update: Uint8Array): void {
		this.lastArrivalAt = Date.now();
		if (this.pending.length === 0) this.pendingSince = this.lastArrivalAt;
		this.pending.push(update);
		this.schedule();
	}

	/**
	 * As a room's sink. Every instance holding the room stores what it applies, also what another
	 * instance sent over Redis: if that one dies before its group commit, this copy is what
	 * survives (Yjs updates are idempotent; the duplicate rows fold into one snapshot at compaction).
	 */
	onUpdate(update: Uint8Array): void {
		this.push(update);
	}

	/** Milliseconds the oldest unstored update has waited (0 when all is stored). */
	lagMs(now = Date.now()): number {
		return this.pending.length || this.running ? now - this.pendingSince : 0;
	}

	get idle(): boolean {
		return this.pending.length === 0 && this.records.length === 0 && this.running === null;
	}

	/** Resolves when every update pushed so far is stored. */
	stored(): Promise<void> {
		if (this.idle) return Promise.resolve();
		return new Promise((resolve) => {
			this.waiters.push(resolve);
			this.schedule();
		});
	}

	/**
	 * Resolves when every update pushed so far is stored together with `record`, in one
	 * transaction: a crash leaves both or neither. A note and the `note.add` that made it are
	 * then never apart, so nobody can later claim a stored note's id as their own command.
	 */
	storedWith(record: CommandRecord): Promise<void> {
		this.lastArrivalAt = Date.now();
		if (this.pending.length === 0) this.pendingSince = this.lastArrivalAt;
		this.records.push(record);
		return new Promise((resolve) => {
			this.waiters.push(resolve);
			this.schedule();
		});
	}

	/** Who sent the command `commandId` whose record waits to be stored with the document, if any. */
	pendingActor(commandId: string): string | undefined {
		return [...this.writing, ...this.records].find((r) => r.commandId === commandId)?.actorId;
	}

	/** Stores everything now (shutdown, unload). */
	async flush(): Promise<void> {
		while (!this.idle) {
			if (this.running) {
				await this.running;
				continue;
			}
			if (this.failures) await sleep(backoffMs(this.failures));
			this.cancelTimer();
			if (!this.running) await this.write();
		}
	}

	/** Folds the log into a snapshot of the current document. */
	async compactNow(): Promise<void> {
		await this.flush();
		if (this.batchesSinceSnapshot === 0) return;
		const upTo = this.lastSeq;
		await compact(this.db, this.workshopId, upTo);
		this.batchesSinceSnapshot = 0;
	}

	close(): void {
		this.closed = true;
		this.cancelTimer();
		if (this.compactTimer) clearTimeout(this.compactTimer);
	}

	/**
	 * True when the log should be folded now: due, and the board still for the quiet time (or
	 * the log grown five times past due). Due but busy, it arms a look again for when the board
	 * may be still, and answers false.
	 */
	private compactNowOrLater(): boolean {
		const due = this.options.compactEvery;
		if (this.batchesSinceSnapshot < due) return false;
		if (this.batchesSinceSnapshot >= due * COMPACT_BACKLOG) return true;
		const quietMs = this.options.compactQuietMs ?? COMPACT_QUIET_MS;
		const stillFor = Date.now() - this.lastArrivalAt;
		if (stillFor >= quietMs && this.pending.length === 0 && this.records.length === 0) return true;
		this.compactLater(Math.max(1, quietMs - stillFor));
		return false;
	}

	/** Looks again after `delay`; a batch written meanwhile looks again itself. */
	private compactLater(delay: number): void {
		if (this.compactTimer || this.closed) return;
		this.compactTimer = setTimeout(() => {
			this.compactTimer = null;
			if (this.running || this.closed || !this.compactNowOrLater()) return;
			void this.exclusive(this.compactFolding());
		}, delay);
		this.compactTimer.unref?.();
	}

	private async compactFolding(): Promise<void> {
		try {
			await compact(this.db, this.workshopId, this.lastSeq);
			this.batchesSinceSnapshot = 0;
		} catch (e) {
			this.log.warn({ workshopId: this.workshopId, err: (e as Error).message }, 'compaction failed; the log is kept');
		}
	}

	/**
	 * Arms the next write: the short window after the last write if anything waits, else the
	 * editors' shared tick (`editorsTick`), or in this turn of the event loop (setImmediate: after the messages read
	 * with this one, so that they go together) when that is already past; while the database
	 * fails, a backoff after the failed attempt. A write armed for later is brought forward when
	 * something starts waiting.
	 */
	private schedule(): void {
		if (this.running || this.closed) return;
		const { commitWindowMs, editWindowMs = commitWindowMs } = this.options;
		// Only editors' updates pending, and the database answering: the process's shared tick.
		const onTick = !this.failures && !this.waiters.length;
		const due = onTick
			? editorsTick(this.lastWriteAt, editWindowMs)
			: this.lastWriteAt + (this.failures ? backoffMs(this.failures) : commitWindowMs);
		if (this.timer) {
			if (due >= this.timerDue) return;
			this.cancelTimer();
		}
		const fire = () => {
			this.timer = null;
			void this.write();
		};
		const delay = due - Date.now();
		this.timerDue = due;
		if (delay > 0 && onTick) {
			// One callback for every board due then, so they share a transaction.
			this.timer = this.store.at(due, fire);
		} else if (delay > 0) {
			const timeout = setTimeout(fire, delay);
			this.timer = () => clearTimeout(timeout);
		} else {
			const immediate = setImmediate(fire);
			this.timer = () => clearImmediate(immediate);
		}
	}

	private cancelTimer(): void {
		this.timer?.();
		this.timer = null;
	}

	private write(): Promise<void> {
		return this.exclusive(this.writeBatch());
	}

	/**
	 * Holds the log's one running slot (a batch being written, or a compaction the timer started)
	 * until `work` ends, then schedules what arrived meanwhile (after a backoff while failing).
	 */
	private exclusive(work: Promise<void>): Promise<void> {
		const run = work.finally(() => {
			this.running = null;
			this.lastWriteAt = Date.now();
			if (this.pending.length || this.waiters.length) this.schedule();
		});
		this.running = run;
		return run;
	}

	private async writeBatch(): Promise<void> {
		const batch = this.pending;
		const records = this.records;
		const waiters = this.waiters;
		const since = this.pendingSince;
		this.pending = [];
		this.records = [];
		this.waiters = [];
		if (batch.length === 0 && records.length === 0) {
			waiters.forEach((w) => w());
			return;
		}
		this.writing = records;
		try {
			const merged = batch.length === 0 ? null : batch.length === 1 ? batch[0] : Y.mergeUpdates(batch);
			// After a failure, alone: a board that cannot be written must not fail the others' write again.
			const seq = await this.store.store({ workshopId: this.workshopId, update: merged, records }, { alone: this.failures > 0 });
			this.writing = [];
			this.failures = 0;
			if (seq !== null) {
				this.lastSeq = seq;
				this.batchesSinceSnapshot++;
			}
			waiters.forEach((w) => w());
		} catch (e) {
			this.writing = [];
			this.failures++;
			this.pending = batch.concat(this.pending);
			this.records = records.concat(this.records);
			this.pendingSince = since;
			this.waiters = waiters.concat(this.waiters);
			this.log.warn({ workshopId: this.workshopId, err: (e as Error).message, attempt: this.failures }, 'storing document updates failed; will retry');
			return;
		}
		if (this.compactNowOrLater()) await this.compactFolding();
	}
}

/**
 * Compaction rebuilds the whole document on the server's one thread and writes it whole (a few
 * hundred milliseconds for 5,000 notes on the embedded database, and a major garbage collection
 * after): in a room's burst that stalled every acknowledgement behind it, for up to a second.
 * So a log due for compaction waits until the board has been still for COMPACT_QUIET_MS, unless
 * it has grown COMPACT_BACKLOG times longer than due (loading a board reads every row after its
 * snapshot). Waiting for a batch with nothing queued behind it was not enough: at 1,000
 * commands/s one in twenty batches ends with nothing waiting.
 */
const COMPACT_QUIET_MS = 1000;
const COMPACT_BACKLOG = 5;

/**
 * When editors' updates that nothing waits for are written: on the process's shared clock, the
 * first multiple of the window at least half a window after the last write. Every busy board of
 * the process then comes due in the same turn and shares one transaction (shared-commit.ts); a
 * board still writes at most once a window, and an update waits a window and a half at most. A
 * board quiet for longer is written at once (the tick is past).
 */
export function editorsTick(lastWriteAt: number, windowMs: number): number {
	if (windowMs <= 0) return lastWriteAt;
	return Math.ceil((lastWriteAt + windowMs / 2) / windowMs) * windowMs;
}

/** Back off while the database is failing: 100 ms doubling up to 5 s. */
const backoffMs = (failures: number) => Math.min(5000, 50 * 2 ** failures);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
