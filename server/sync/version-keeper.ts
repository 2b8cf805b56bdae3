import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import type { Db } from '../db/db.ts';
import type { Log } from '../log.ts';
import type { Room } from './room.ts';
import { saveVersion, saveVersionIfChanged, type BoardVersionInfo } from '../db/repositories/board-versions.ts';
import { readAgenda, readClock } from '../db/repositories/agenda.ts';
import { boardContent } from '../../src/lib/domain/board/restore.ts';
import { noteCount } from '../../src/lib/domain/board/notes.ts';
import type { VersionReason } from '../../src/lib/domain/board/versions.ts';

/** The phase a version is labelled with: its id and its title at the time (none before the start). */
export interface VersionPhase {
	phaseId: string | null;
	label: string;
}

/** A board leaving memory is not saved again within this time of its latest version. */
const UNLOAD_GAP_MS = 60_000;
/** A periodic version waits for the board to be still this long (at most one more period). */
const QUIET_MS = 1000;

interface Watch {
	/** Changed since the last version this process saved (or since it loaded the board). */
	dirty: boolean;
	timer: ReturnType<typeof setTimeout> | null;
	/** When the period of the pending version ended (its timer first fired), or null. */
	dueAt: number | null;
	lastChangeAt: number;
	off: () => void;
}

/**
 * When a due periodic version is taken: now if the board has been still for `quietMs`, else
 * once it has, but never more than `maxWaitMs` after it was due. Returns the delay to wait
 * again, or 0 to save now. Taking a version walks the whole board on the server's one thread
 * (a few hundred milliseconds for 5,000 notes): in a room's burst (300 people voting) that
 * stalled every acknowledgement; a second of pause costs nobody anything.
 */
export function versionDelay(now: number, dueAt: number, lastChangeAt: number, quietMs: number, maxWaitMs: number): number {
	const stillFor = now - lastChangeAt;
	if (stillFor >= quietMs) return 0;
	const left = dueAt + maxWaitMs - now;
	if (left <= 0) return 0;
	return Math.min(quietMs - stillFor, left);
}

/**
 * Saves versions of the boards this process holds. A change arms one timer of `everyMs`; when
 * it fires, the board is saved unless its content equals the latest version. Nothing runs on a
 * board that does not change, and a board leaving memory is saved then if it changed, so no
 * timer outlives its room. Several instances holding one board may each save one version per
 * period; the database's digest check turns identical ones into one.
 */
export class VersionKeeper {
	private readonly watched = new Map<Room, Watch>();
	private readonly listeners = new Set<(workshopId: string) => void>();

	constructor(
		private readonly db: Db,
		readonly everyMs: number,
		private readonly log: Log
	) {}

	/** `listener` hears the workshop of every version saved here (to refresh the history's lists). */
	onSaved(listener: (workshopId: string) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** Starts following a room's changes (Rooms calls it once the room is loaded). */
	watch(room: Room): void {
		const onUpdate = () => this.changed(room);
		room.doc.on('update', onUpdate);
		this.watched.set(room, { dirty: false, timer: null, dueAt: null, lastChangeAt: 0, off: () => room.doc.off('update', onUpdate) });
	}

	/**
	 * Before a room leaves memory: its last changes become a version, unless one was saved
	 * within the last minute (a board held only by live commands loads and unloads at each
	 * one: that must not make a version each time; its changes stay in the document). Never throws.
	 */
	async beforeUnload(room: Room): Promise<void> {
		const w = this.watched.get(room);
		if (!w?.dirty) return;
		await this.periodic(room, Math.min(this.everyMs, UNLOAD_GAP_MS));
	}

	/** The room is gone: no timer, no listener left behind. */
	forget(room: Room): void {
		const w = this.watched.get(room);
		if (!w) return;
		if (w.timer) clearTimeout(w.timer);
		w.off();
		this.watched.delete(room);
	}

	/** The board now equals a stored version (just restored): nothing to save for it. */
	settled(room: Room): void {
		const w = this.watched.get(room);
		if (!w) return;
		w.dirty = false;
		w.dueAt = null;
		if (w.timer) clearTimeout(w.timer);
		w.timer = null;
	}

	/**
	 * Saves the room's board now. `always` stores it even when equal to the latest version (a
	 * phase's end, the undo point of a restore); `ifChanged` stores only a change.
	 */
	async save(
		room: Room,
		reason: VersionReason,
		phase: VersionPhase,
		mode: 'always' | 'ifChanged',
		minGapMs?: number
	): Promise<BoardVersionInfo | null> {
		// Taken synchronously, so that the version is the board at this instant; a change during
		// the write below marks the room dirty again.
		const version = {
			workshopId: room.workshopId,
			reason,
			...phase,
			noteCount: noteCount(room.doc),
			digest: createHash('sha256').update(boardContent(room.doc)).digest('hex'),
			state: Y.encodeStateAsUpdate(room.doc)
		};
		const wasDirty = this.watched.get(room)?.dirty ?? false;
		this.settled(room);
		try {
			const saved = mode === 'always' ? await saveVersion(this.db, version) : await saveVersionIfChanged(this.db, version, { minGapMs });
			if (saved) for (const listener of this.listeners) listener(room.workshopId);
			return saved;
		} catch (e) {
			if (wasDirty) this.changed(room);
			throw e;
		}
	}

	private changed(room: Room): void {
		const w = this.watched.get(room);
		if (!w) return;
		w.dirty = true;
		w.lastChangeAt = Date.now();
		if (w.timer) return;
		this.arm(room, w, this.everyMs);
	}

	private arm(room: Room, w: Watch, delay: number): void {
		w.timer = setTimeout(() => {
			w.timer = null;
			const now = Date.now();
			w.dueAt ??= now;
			const wait = versionDelay(now, w.dueAt, w.lastChangeAt, Math.min(QUIET_MS, this.everyMs), this.everyMs);
			if (wait > 0) return this.arm(room, w, wait);
			void this.periodic(room);
		}, delay);
		// A pending version never keeps a stopping process alive: shutdown saves boards anyway.
		w.timer.unref?.();
	}

	private async periodic(room: Room, minGapMs?: number): Promise<void> {
		try {
			await this.save(room, 'periodic', await currentPhase(this.db, room.workshopId), 'ifChanged', minGapMs);
		} catch (e) {
			this.log.warn({ workshopId: room.workshopId, err: (e as Error).message }, 'saving a version of the board failed; will retry');
		}
	}
}

/** The phase on now, as a version's label. */
export async function currentPhase(db: Db, workshopId: string): Promise<VersionPhase> {
	const clock = await readClock(db, workshopId);
	const id = clock.timer.phase;
	if (id === null) return { phaseId: null, label: '' };
	const phase = (await readAgenda(db, workshopId)).find((p) => p.id === id);
	return { phaseId: id, label: phase?.title ?? '' };
}
