import * as Y from 'yjs';
import { rememberReadOnlyPast, startedAfreshPast } from '../db/repositories/read-only-writes.ts';
import type { Db } from '../db/db.ts';
import type { Log } from '../log.ts';
import { loadDoc } from '../db/repositories/yjs-log.ts';
import { upgradePersonaTexts } from '../../src/lib/domain/board/personas.ts';
import { LIVE_ORIGIN } from './origins.ts';
import { Room, type ReadOnlyStore } from './room.ts';
import { UpdateLog, type UpdateLogOptions } from './update-log.ts';
import type { RedisFanout } from './fanout.ts';
import { VersionKeeper } from './version-keeper.ts';
import { SharedCommit } from './shared-commit.ts';

export interface RoomsOptions extends UpdateLogOptions {
	/** A changing board is saved as a version this often (ms); 10 minutes when not given. */
	versionEveryMs?: number;
}

/**
 * The loaded documents of this process. A document is loaded from snapshot + log on first
 * use, shared by every holder, and unloaded (after a final save and compaction) when its
 * last holder has gone.
 */
export class Rooms {
	private readonly rooms = new Map<string, Promise<Room>>();
	/** Versions of the boards held here (version history). */
	readonly versions: VersionKeeper;
	/** One transaction for the boards whose writes come due together. */
	private readonly commits: SharedCommit;

	constructor(
		private readonly db: Db,
		private readonly options: RoomsOptions,
		private readonly log: Log,
		private readonly fanout: RedisFanout | null = null
	) {
		this.versions = new VersionKeeper(db, options.versionEveryMs ?? 10 * 60_000, log);
		this.commits = new SharedCommit(db);
	}

	get size(): number {
		return this.rooms.size;
	}

	/** Loads (or reuses) the room and counts one more holder; pair with `release`. */
	async acquire(workshopId: string): Promise<Room> {
		let pending = this.rooms.get(workshopId);
		if (!pending) {
			pending = this.load(workshopId);
			this.rooms.set(workshopId, pending);
			pending.catch(() => this.rooms.delete(workshopId));
		}
		const room = await pending;
		room.refs++;
		return room;
	}

	/**
	 * Runs `fn` on the workshop's room (loaded if need be) while holding it, and lets it go
	 * after, however `fn` ends: a room held by nobody is saved and leaves memory.
	 */
	async with<T>(workshopId: string, fn: (room: Room) => T | Promise<T>): Promise<T> {
		const room = await this.acquire(workshopId);
		try {
			return await fn(room);
		} finally {
			this.release(room);
		}
	}

	release(room: Room): void {
		room.refs--;
		if (room.refs === 0) void this.unloadIfUnused(room);
	}

	/** Loaded rooms right now (for metrics and shutdown). */
	async loaded(): Promise<Room[]> {
		const settled = await Promise.allSettled(this.rooms.values());
		return settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
	}

	/** Saves every document (shutdown). */
	async flushAll(): Promise<void> {
		await Promise.all((await this.loaded()).map((r) => r.log.flush()));
	}

	/** Where a room keeps what read-only connections tried to write: the database, so every instance and the room's next life know it. */
	private readOnlyStore(workshopId: string): ReadOnlyStore {
		const failed = (e: Error) => this.log.warn({ workshopId, err: e.message }, 'read-only writes not stored');
		return {
			remember: (personId, past) => void rememberReadOnlyPast(this.db, workshopId, personId, past).catch(failed),
			startedAfresh: (personId) => void startedAfreshPast(this.db, workshopId, personId).catch(failed)
		};
	}

	private async load(workshopId: string): Promise<Room> {
		const stored = await loadDoc(this.db, workshopId);
		const doc = new Y.Doc();
		// Loaded state is applied before the room listens, so it is not written back.
		if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
		for (const u of stored.updates) Y.applyUpdate(doc, u);
		const log = new UpdateLog(this.db, workshopId, doc, this.options, this.log, stored.lastSeq, stored.updates.length, this.commits);
		const room = new Room({ workshopId, doc, log, sinks: this.fanout ? [this.fanout.sinkFor(workshopId)] : [], readOnlyStore: this.readOnlyStore(workshopId) });
		await this.fanout?.join(room);
		// Older boards held persona fields as plain strings: the server, as the one writer of
		// the upgrade, turns them into shared texts before anyone edits (stored like any change).
		upgradePersonaTexts(doc, LIVE_ORIGIN);
		this.versions.watch(room);
		return room;
	}

	private async unloadIfUnused(room: Room): Promise<void> {
		try {
			await this.versions.beforeUnload(room);
			await room.log.compactNow();
		} catch (e) {
			this.log.warn({ workshopId: room.workshopId, err: (e as Error).message }, 'saving on unload failed; kept in memory');
			return;
		}
		if (room.refs > 0 || !room.log.idle) return;
		this.rooms.delete(room.workshopId);
		this.fanout?.leave(room);
		this.versions.forget(room);
		room.destroy();
	}
}
