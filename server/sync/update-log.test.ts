import pino from 'pino';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { DbError, type Db, type Queryable } from '../db/db.ts';
import { openPglite } from '../db/pglite.ts';
import { countUpdates, loadDoc } from '../db/repositories/yjs-log.ts';
import { findCommand } from '../db/repositories/live-commands.ts';
import { insertNote, readNotes, type Note } from '../../src/lib/domain/board/notes.ts';
import { withDatabase, type TestDatabase } from '../../test/helpers/databases.ts';
import { aWorkshop } from '../../test/db/fixtures.ts';
import { SharedCommit } from './shared-commit.ts';
import { UpdateLog, editorsTick, type UpdateLogOptions } from './update-log.ts';

/**
 * The group commit on a real PGlite database. The database sits behind a switch so a test can
 * slow it down, make it fail, or swap it for a reopened one, as an outage would.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const eventually = async (ok: () => boolean) => {
	while (!ok()) await sleep(2);
};

function switchable(initial: Db) {
	const state = { current: initial as Db | null, delayMs: 0, failNext: 0, attempts: 0 };
	const guard = async () => {
		state.attempts++;
		if (state.delayMs) await sleep(state.delayMs);
		if (state.failNext > 0) {
			state.failNext--;
			throw new DbError('connection refused');
		}
		if (!state.current) throw new DbError('database is down');
		return state.current;
	};
	const db: Db = {
		engine: 'pglite',
		async query<T>(sql: string, params?: readonly unknown[]) {
			return (await guard()).query<T>(sql, params);
		},
		async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
			return (await guard()).transaction(fn);
		},
		async script(sql: string) {
			return (await guard()).script!(sql);
		},
		async close() {}
	};
	return { db, state };
}

function capturedLog() {
	const lines: Array<{ msg: string; level: number }> = [];
	const log = pino({ level: 'warn', base: undefined }, { write: (s: string) => lines.push(JSON.parse(s)) });
	return { log, messages: () => lines.map((l) => l.msg) };
}

const note = (id: string, createdAt: number): Note => ({
	id,
	text: `note ${id}`,
	x: 0,
	y: 0,
	color: 'yellow',
	authorId: 'p1',
	authorCategory: 'agent',
	createdAt,
	updatedAt: createdAt
});

const rebuild = async (db: Db, workshopId: string) => {
	const stored = await loadDoc(db, workshopId);
	const doc = new Y.Doc();
	if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
	for (const u of stored.updates) Y.applyUpdate(doc, u);
	return readNotes(doc).map((n) => n.id);
};

describe('UpdateLog on PGlite', () => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await withDatabase('pglite');
	});
	afterAll(() => t?.close());

	/**
	 * A room's document wired to a fresh log, as Rooms.load does; boards given the same switch
	 * and SharedCommit share the process's transactions, as Rooms' boards do.
	 */
	async function room(options: Partial<UpdateLogOptions> = {}, db = t.db, shared?: { sw: ReturnType<typeof switchable>; commits: SharedCommit }) {
		const { id } = await aWorkshop(db);
		const sw = shared?.sw ?? switchable(db);
		const logger = capturedLog();
		const doc = new Y.Doc();
		const options_ = { commitWindowMs: 10, compactEvery: 1000, ...options };
		const log = new UpdateLog(sw.db, id, doc, options_, logger.log, 0, 0, shared?.commits ?? new SharedCommit(sw.db));
		doc.on('update', (u: Uint8Array) => log.push(u));
		let n = 0;
		const add = (count = 1) => {
			for (let i = 0; i < count; i++, n++) insertNote(doc, note(`n${n}`, n));
		};
		return { id, doc, log, add, sw, messages: logger.messages };
	}

	test('updates pushed within the commit window are stored as one merged row', async () => {
		const r = await room();
		r.add(5);
		await r.log.stored();
		expect(await countUpdates(t.db, r.id)).toBe(1);
		expect(await rebuild(t.db, r.id)).toEqual(['n0', 'n1', 'n2', 'n3', 'n4']);
		r.log.close();
	});

	test('stored() resolves only after the row is in the database', async () => {
		const r = await room();
		const events: string[] = [];
		const script = r.sw.db.script!.bind(r.sw.db);
		r.sw.db.script = async (sql: string) => {
			await sleep(30); // a slow disk: resolving early would show up as 'resolved' first
			const results = await script(sql);
			if (sql.startsWith('INSERT INTO yjs_update')) events.push(`row ${await countUpdates(t.db, r.id)}`);
			return results;
		};
		r.add();
		expect(await countUpdates(t.db, r.id)).toBe(0);
		await r.log.stored().then(() => events.push('resolved'));
		expect(events).toEqual(['row 1', 'resolved']);
		r.log.close();
	});

	test('stored() also covers updates pushed while a write is under way', async () => {
		const r = await room({ commitWindowMs: 5 });
		r.sw.state.delayMs = 40;
		r.add();
		await sleep(15); // the first batch is now being written
		r.add();
		await r.log.stored();
		expect(await rebuild(t.db, r.id)).toEqual(['n0', 'n1']);
		r.log.close();
	});

	test('stored() with nothing pending resolves at once; the lag gauge reads 0 once all is stored', async () => {
		const r = await room({ commitWindowMs: 60 });
		await r.log.stored();
		expect(r.log.lagMs()).toBe(0);
		r.sw.state.delayMs = 60; // a slow disk: the write is still under way below
		r.add();
		expect(r.log.idle).toBe(false);
		await sleep(20);
		expect(r.log.lagMs()).toBeGreaterThanOrEqual(15);
		await r.log.stored();
		await r.log.flush();
		expect(r.log.idle).toBe(true);
		expect(r.log.lagMs()).toBe(0);
		r.log.close();
	});

	test('a quiet board’s update is stored at once; in a burst the next batch waits the window after the last write', async () => {
		const r = await room({ commitWindowMs: 10_000 });
		const started = Date.now();
		r.add();
		await r.log.stored();
		// Not a window of ten seconds later: a quiet board needs no timer per update.
		expect(Date.now() - started).toBeLessThan(5_000);
		expect(await countUpdates(t.db, r.id)).toBe(1);
		// Right after that write, what follows waits for the window, gathered into one row.
		const attempts = r.sw.state.attempts;
		r.add(3);
		await new Promise((resolve) => setImmediate(resolve));
		await new Promise((resolve) => setImmediate(resolve));
		expect(r.sw.state.attempts).toBe(attempts);
		expect(r.log.idle).toBe(false);
		await r.log.flush();
		expect(await countUpdates(t.db, r.id)).toBe(2);
		expect(await rebuild(t.db, r.id)).toEqual(['n0', 'n1', 'n2', 'n3']);
		r.log.close();
	});

	test('updates read in the same turn of the event loop go together, though the board was quiet', async () => {
		const r = await room({ commitWindowMs: 10_000 });
		r.add();
		r.add(); // e.g. two sockets' messages read in one turn
		await r.log.stored();
		expect(await countUpdates(t.db, r.id)).toBe(1);
		r.log.close();
	});

	test('editors’ updates nothing waits for are gathered for the edit window; a command’s record brings the write forward, with them', async () => {
		const r = await room({ commitWindowMs: 5, editWindowMs: 10_000 });
		r.add();
		await r.log.stored(); // a quiet board: at once
		const attempts = r.sw.state.attempts;
		r.add(2);
		// Ten times the short window: under the edit window's rule, nothing is written yet.
		await sleep(50);
		expect(r.sw.state.attempts).toBe(attempts);
		expect(r.log.lagMs()).toBeGreaterThanOrEqual(40);
		// A participant's command now waits for its acknowledgement: the short window applies,
		// and the editors' updates go in the same round as its record.
		const started = Date.now();
		await r.log.storedWith({ commandId: 'cmd-1', actorId: 'p1', result: { noteId: 'n3' } });
		expect(Date.now() - started).toBeLessThan(5_000);
		expect(await countUpdates(t.db, r.id)).toBe(2);
		expect(await rebuild(t.db, r.id)).toEqual(['n0', 'n1', 'n2']);
		expect(await findCommand(t.db, r.id, 'cmd-1')).not.toBeNull();
		expect(r.log.idle).toBe(true);
		r.log.close();
	});

	test('editors’ updates of boards due together are written in one round, each board its own row', async () => {
		const sw = switchable(t.db);
		const shared = { sw, commits: new SharedCommit(sw.db) };
		const boards = await Promise.all([1, 2, 3].map(() => room({ commitWindowMs: 5, editWindowMs: 200 }, t.db, shared)));
		// A first note each, written together: the boards' last writes are now the same.
		boards.forEach((b) => b.add());
		await Promise.all(boards.map((b) => b.log.stored()));
		const rounds = sw.state.attempts;
		// Editors keep writing on each board; nothing waits, so each board waits for the shared tick.
		boards.forEach((b) => b.add(2));
		await eventually(() => boards.every((b) => b.log.idle));
		expect(sw.state.attempts - rounds).toBe(1);
		for (const b of boards) {
			expect(await countUpdates(t.db, b.id)).toBe(2);
			expect(await rebuild(t.db, b.id)).toEqual(['n0', 'n1', 'n2']);
			b.log.close();
		}
	});

	test('a board that cannot be written (its workshop erased) does not hold back the boards written with it', async () => {
		const sw = switchable(t.db);
		const shared = { sw, commits: new SharedCommit(sw.db) };
		const [a, erased, c] = await Promise.all([1, 2, 3].map(() => room({ commitWindowMs: 5 }, t.db, shared)));
		await t.db.query('DELETE FROM workshop WHERE id = $1', [erased.id]);
		const rounds = sw.state.attempts;
		[a, erased, c].forEach((b) => b.add());
		await Promise.all([a.log.stored(), c.log.stored()]);
		// The three in one round, which failed; then each alone.
		expect(sw.state.attempts - rounds).toBeGreaterThanOrEqual(4);
		expect(await rebuild(t.db, a.id)).toEqual(['n0']);
		expect(await rebuild(t.db, c.id)).toEqual(['n0']);
		// The erased board's own write failed alone, and is kept to be tried again.
		await eventually(() => erased.messages().includes('storing document updates failed; will retry'));
		expect(erased.log.idle).toBe(false);
		[a, erased, c].forEach((b) => b.log.close());
	});

	test('the editors’ tick: on the shared clock, at least half a window after the last write, a window and a half at most', () => {
		for (const lastWriteAt of [0, 1, 124, 125, 126, 249, 250, 1_700_000_000_123]) {
			const tick = editorsTick(lastWriteAt, 250);
			expect(tick % 250).toBe(0);
			expect(tick).toBeGreaterThanOrEqual(lastWriteAt + 125);
			expect(tick).toBeLessThan(lastWriteAt + 375);
		}
		// Boards whose last writes were close come due on the same tick.
		expect(editorsTick(1_000_010, 250)).toBe(editorsTick(1_000_090, 250));
		expect(editorsTick(5000, 0)).toBe(5000);
	});

	test('flush stores at once, without waiting for the window (shutdown)', async () => {
		const r = await room({ commitWindowMs: 10_000 });
		r.add(2);
		await r.log.flush();
		expect(await rebuild(t.db, r.id)).toEqual(['n0', 'n1']);
		r.log.close();
	});

	test('after compactEvery batches the log is folded into a snapshot', async () => {
		const r = await room({ compactEvery: 3, compactQuietMs: 0 });
		for (let i = 0; i < 2; i++) {
			r.add();
			await r.log.stored();
		}
		expect((await loadDoc(t.db, r.id)).snapshot).toBeNull();
		expect(await countUpdates(t.db, r.id)).toBe(2);
		r.add();
		await r.log.stored();
		await r.log.flush(); // compaction runs right after the third append
		const stored = await loadDoc(t.db, r.id);
		expect(stored.snapshot).not.toBeNull();
		expect(stored.updates).toEqual([]);
		expect(await rebuild(t.db, r.id)).toEqual(['n0', 'n1', 'n2']);
		r.log.close();
	});

	test('a log due for compaction waits until the board is still, or until it has grown five times longer', async () => {
		/** One batch written while the next update already waits: the room is in a burst. */
		const busyBatch = async (r: Awaited<ReturnType<typeof room>>) => {
			const started = r.sw.state.attempts;
			r.add();
			const stored = r.log.stored();
			await eventually(() => r.sw.state.attempts > started);
			r.add();
			await stored;
		};
		const snapshot = async (r: Awaited<ReturnType<typeof room>>) => (await loadDoc(t.db, r.id)).snapshot;

		const r = await room({ compactEvery: 2, compactQuietMs: 1500 });
		r.sw.state.delayMs = 15;
		for (let i = 0; i < 4; i++) await busyBatch(r);
		expect(await snapshot(r)).toBeNull();
		// The burst ends: once the board has been still for the quiet time, the log is folded.
		await r.log.flush();
		await expect.poll(() => snapshot(r), { timeout: 10_000 }).not.toBeNull();
		expect(await rebuild(t.db, r.id)).toHaveLength(8);
		r.log.close();

		// A steady stream whose batches each end with nothing queued (one in twenty at 1,000
		// commands/s): still not folded while it flows.
		const steady = await room({ compactEvery: 2, compactQuietMs: 1500 });
		for (let i = 0; i < 4; i++) {
			steady.add();
			await steady.log.stored();
		}
		expect(await snapshot(steady)).toBeNull();
		await expect.poll(() => snapshot(steady), { timeout: 10_000 }).not.toBeNull();
		steady.log.close();

		const endless = await room({ compactEvery: 1, compactQuietMs: 60_000 });
		endless.sw.state.delayMs = 15;
		for (let i = 0; i < 4; i++) await busyBatch(endless);
		expect(await snapshot(endless)).toBeNull();
		// The fifth batch in a row with more waiting: five times past due, folded anyway.
		await busyBatch(endless);
		await expect.poll(() => snapshot(endless), { timeout: 5000 }).not.toBeNull();
		endless.log.close();
	});

	test('a failed compaction keeps the log and does not hold back acknowledgements', async () => {
		const r = await room({ compactEvery: 1, compactQuietMs: 0 });
		const transaction = vi.spyOn(r.sw.db, 'transaction').mockRejectedValue(new DbError('deadlock'));
		r.add();
		await r.log.stored();
		await r.log.flush();
		expect(transaction).toHaveBeenCalled();
		expect(await countUpdates(t.db, r.id)).toBe(1);
		expect(r.messages()).toContain('compaction failed; the log is kept');
		r.log.close();
	});

	test('storedWith stores a command record with the updates before it, in one round: a crash between them is impossible', async () => {
		const r = await room({ commitWindowMs: 5 });
		// The record's insert fails once inside the database, after the update's insert ran.
		const script = r.sw.db.script!.bind(r.sw.db);
		let failRecord = 1;
		r.sw.db.script = (sql: string) =>
			script(failRecord-- > 0 ? sql.replace('INSERT INTO live_command', 'INSERT INTO live_command_gone') : sql);
		await storedWithAfterAFailure(r, () => failRecord < 0);
	});

	test('storedWith, PostgreSQL’s way (a transaction of parameterised statements): a crash between them is impossible', async () => {
		const r = await room({ commitWindowMs: 5 });
		delete r.sw.db.script;
		// The record's insert fails once, inside the transaction that appended the update.
		const transaction = r.sw.db.transaction.bind(r.sw.db);
		let failRecord = 1;
		r.sw.db.transaction = <T>(fn: (tx: Queryable) => Promise<T>) =>
			transaction((tx) =>
				fn({
					query: async <R>(sql: string, params?: readonly unknown[]) => {
						if (sql.includes('INSERT INTO live_command') && failRecord-- > 0) throw new DbError('connection lost');
						return tx.query<R>(sql, params);
					}
				})
			);
		await storedWithAfterAFailure(r, () => failRecord < 0);
	});

	/** A note and its command's record, whose first write fails: the retry stores both, once. */
	async function storedWithAfterAFailure(r: Awaited<ReturnType<typeof room>>, failed: () => boolean) {
		r.add();
		const stored = r.log.storedWith({ commandId: 'n0', actorId: 'p1', result: { noteId: 'n0' } });
		expect(r.log.pendingActor('n0')).toBe('p1');
		await eventually(failed);
		// The failed attempt rolled back the update with the record; the retry stores both.
		await stored;
		expect(await countUpdates(t.db, r.id)).toBe(1);
		expect(await rebuild(t.db, r.id)).toEqual(['n0']);
		expect(await findCommand(t.db, r.id, 'n0')).toEqual({ actorId: 'p1', result: { noteId: 'n0' } });
		expect(r.log.pendingActor('n0')).toBeUndefined();
		r.log.close();
	}

	test('storedWith with no update pending still stores the record', async () => {
		const r = await room({ commitWindowMs: 5 });
		await r.log.storedWith({ commandId: 'c1', actorId: 'p2', result: { ok: 1 } });
		expect(await findCommand(t.db, r.id, 'c1')).toEqual({ actorId: 'p2', result: { ok: 1 } });
		expect(await countUpdates(t.db, r.id)).toBe(0);
		r.log.close();
	});

	test('while the database fails the batch is kept and retried as one row; stored() waits', async () => {
		const r = await room({ commitWindowMs: 5 });
		r.sw.state.failNext = 2;
		r.add(2);
		let done = false;
		const waiting = r.log.stored().then(() => (done = true));
		await sleep(60); // the first attempt has failed, the retry waits its backoff
		expect(done).toBe(false);
		expect(r.log.lagMs()).toBeGreaterThan(0);
		r.add(); // pushed during the outage
		await waiting;
		await r.log.stored();
		expect(r.sw.state.failNext).toBe(0);
		expect(r.messages().filter((m) => m === 'storing document updates failed; will retry')).toHaveLength(2);
		expect(await countUpdates(t.db, r.id)).toBe(1);
		expect(await rebuild(t.db, r.id)).toEqual(['n0', 'n1', 'n2']);
		r.log.close();
	});

	test('when the database goes away and comes back, nothing is lost', async () => {
		const own = await withDatabase('pglite');
		let reopened: Db | null = null;
		try {
			const r = await room({ commitWindowMs: 5 }, own.db);
			r.add();
			await r.log.stored();

			await own.db.close(); // a closed PGlite: every query now throws
			r.add(2);
			let done = false;
			const waiting = r.log.stored().then(() => (done = true));
			await sleep(120);
			expect(done).toBe(false);
			expect(r.messages()).toContain('storing document updates failed; will retry');

			reopened = await openPglite(own.dataDir!);
			r.sw.state.current = reopened;
			await waiting;
			expect(await rebuild(reopened, r.id)).toEqual(['n0', 'n1', 'n2']);
			r.log.close();
		} finally {
			await reopened?.close();
			await own.close();
		}
	});
});
