import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listVersions } from '../db/repositories/board-versions.ts';
import { insertNote, removeNote, updateNote } from '../../src/lib/domain/board/notes.ts';
import { withDatabase, type TestDatabase } from '../../test/helpers/databases.ts';
import { aWorkshop } from '../../test/db/fixtures.ts';
import { aNote } from '../../test/helpers/notes.ts';
import { Rooms } from './rooms.ts';
import { versionDelay } from './version-keeper.ts';

/**
 * Periodic and unload versions on real rooms and a real PGlite database, with a short period.
 * (The integration test covers phase versions and restores through the built server.)
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const EVERY = 150;

describe('versions of the boards a process holds', () => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await withDatabase('pglite');
	});
	afterAll(() => t?.close());

	const rooms = (versionEveryMs = EVERY) => new Rooms(t.db, { commitWindowMs: 5, compactEvery: 1000, versionEveryMs }, pino({ level: 'silent' }));
	const versions = async (workshopId: string) => (await listVersions(t.db, workshopId)).map((v) => [v.reason, v.noteCount]);
	/** Polls rather than sleeps a fixed time: a loaded machine may be slow to save. */
	const versionsOnce = async (workshopId: string, count: number) => {
		const end = Date.now() + 5000;
		while ((await versions(workshopId)).length < count && Date.now() < end) await sleep(20);
		return versions(workshopId);
	};

	test('a changing board is saved once per period; an idle one is not saved again', async () => {
		const w = await aWorkshop(t.db);
		const r = rooms();
		const room = await r.acquire(w.id);
		insertNote(room.doc, aNote('a'));
		insertNote(room.doc, aNote('b', { createdAt: 2 }));
		expect(await versions(w.id)).toEqual([]);
		// Two changes in one period: one version.
		expect(await versionsOnce(w.id, 1)).toEqual([['periodic', 2]]);

		await sleep(EVERY * 3);
		expect(await versions(w.id)).toHaveLength(1);

		removeNote(room.doc, 'a');
		expect(await versionsOnce(w.id, 2)).toEqual([
			['periodic', 1],
			['periodic', 2]
		]);
		r.release(room);
	});

	test('a change undone within the period saves nothing: the board equals its latest version', async () => {
		const w = await aWorkshop(t.db);
		const r = rooms();
		const room = await r.acquire(w.id);
		insertNote(room.doc, aNote('a'));
		expect(await versionsOnce(w.id, 1)).toHaveLength(1);
		updateNote(room.doc, 'a', { text: 'brouillon' }, 1);
		updateNote(room.doc, 'a', { text: 'a' }, 1);
		await sleep(EVERY * 3);
		expect(await versions(w.id)).toEqual([['periodic', 1]]);
		r.release(room);
	});

	test('a board leaving memory is saved then if it changed, and its timer goes with it', async () => {
		const w = await aWorkshop(t.db);
		const r = rooms(60 * 60_000);
		const saved: string[] = [];
		r.versions.onSaved((id) => saved.push(id));
		const room = await r.acquire(w.id);
		insertNote(room.doc, aNote('a'));
		r.release(room);
		await expectSoon(() => r.size === 0);
		expect(await versions(w.id)).toEqual([['periodic', 1]]);
		expect(saved).toEqual([w.id]);

		// Loaded and left without a change: nothing to save.
		r.release(await r.acquire(w.id));
		await expectSoon(() => r.size === 0);
		// Loaded for one change right after a version (a board held only by live commands does
		// this at each command): no version each time; the change stays in the document.
		const again = await r.acquire(w.id);
		insertNote(again.doc, aNote('b', { createdAt: 2 }));
		r.release(again);
		await expectSoon(() => r.size === 0);
		expect(await versions(w.id)).toEqual([['periodic', 1]]);
	});

	test('a version saved for a phase end restarts the period', async () => {
		const w = await aWorkshop(t.db);
		const r = rooms();
		const room = await r.acquire(w.id);
		insertNote(room.doc, aNote('a'));
		await r.versions.save(room, 'phase', { phaseId: 'accueil', label: 'Accueil' }, 'always');
		await sleep(EVERY * 3);
		expect(await versions(w.id)).toEqual([['phase', 1]]);
		r.release(room);
	});
});

async function expectSoon(predicate: () => boolean): Promise<void> {
	const end = Date.now() + 5000;
	while (!predicate()) {
		if (Date.now() > end) throw new Error('timed out');
		await sleep(10);
	}
}

describe('when a due periodic version is taken', () => {
	const QUIET = 1000;
	const MAX = 600_000;
	test('at once on a board that has been still for the quiet time', () => {
		expect(versionDelay(50_000, 50_000, 48_000, QUIET, MAX)).toBe(0);
	});
	test('after the pause, on a board changing now (a room voting)', () => {
		expect(versionDelay(50_000, 50_000, 49_900, QUIET, MAX)).toBe(900);
	});
	test('never later than one more period on a board that never pauses', () => {
		expect(versionDelay(50_000 + MAX - 300, 50_000, 50_000 + MAX - 310, QUIET, MAX)).toBe(300);
		expect(versionDelay(50_000 + MAX, 50_000, 50_000 + MAX - 1, QUIET, MAX)).toBe(0);
	});
});
