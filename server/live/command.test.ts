import pino from 'pino';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DbError, type Db, type Queryable } from '../db/db.ts';
import { loadDoc } from '../db/repositories/yjs-log.ts';
import { Rooms } from '../sync/rooms.ts';
import { withDatabase, type TestDatabase } from '../../test/helpers/databases.ts';
import { aParticipant, aWorkshop } from '../../test/db/fixtures.ts';
import type { Actor } from '../auth/actor.ts';
import { noteAdd } from './note-add.ts';
import { silentNotifier } from './notifier.ts';
import { STORE_WAIT_MS } from './command.ts';
import { readNotes } from '../../src/lib/domain/board/notes.ts';

/**
 * An acknowledgement means stored. Here the database goes away after the command was checked
 * and applied but before its change could be written (the narrowest window, which the
 * integration test cannot aim at): the client must hear `unavailable`, and its retry with the
 * same commandId, once the database is back, must be acknowledged with one note, stored.
 */
describe('a live command while the update log cannot store', () => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await withDatabase('pglite');
	});
	afterAll(() => t?.close());

	test('answers unavailable, never ok; the retry is stored once and acknowledged', { timeout: 30_000 }, async () => {
		const workshop = await aWorkshop(t.db);
		const participant = await aParticipant(t.db, workshop.id);
		let logDown = false;
		// Only the update log's writes fail: the command's own look-up succeeds first.
		const guarded = (q: Queryable): Queryable => ({
			async query<T>(sql: string, params?: readonly unknown[]) {
				if (logDown && sql.startsWith('INSERT INTO yjs_update')) throw new DbError('connection refused');
				return q.query<T>(sql, params);
			}
		});
		// The document's updates are stored with the commands' records in one transaction (on the
		// embedded database, one script): it fails there too.
		const script = async (sql: string) => {
			if (logDown && sql.startsWith('INSERT INTO yjs_update')) throw new DbError('connection refused');
			return t.db.script!(sql);
		};
		const db: Db = { ...t.db, ...guarded(t.db), transaction: (fn) => t.db.transaction((tx) => fn(guarded(tx))), script, close: async () => {} };
		const log = pino({ level: 'silent' });
		const rooms = new Rooms(db, { commitWindowMs: 10, compactEvery: 1000 }, log);
		const actor: Actor = { kind: 'participant', id: participant.id, role: 'participant', displayName: 'Dominique', category: 'usager' };
		const input = { commandId: 'cmd-window-0001', text: 'Une idée pendant la panne' };

		logDown = true;
		const started = Date.now();
		const first = await noteAdd({ db, rooms, log, notify: silentNotifier }, actor, workshop.id, input);
		expect(first).toMatchObject({ ok: false, error: { code: 'unavailable' } });
		expect(Date.now() - started).toBeGreaterThanOrEqual(STORE_WAIT_MS - 50);

		logDown = false;
		const retry = await noteAdd({ db, rooms, log, notify: silentNotifier }, actor, workshop.id, input);
		expect(retry).toEqual({ ok: true, value: { noteId: 'cmd-window-0001' } });
		const stored = await loadDoc(t.db, workshop.id);
		const doc = new Y.Doc();
		// The room may have been unloaded and compacted meanwhile: the snapshot counts too.
		if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
		for (const u of stored.updates) Y.applyUpdate(doc, u);
		expect(readNotes(doc).filter((n) => n.id === 'cmd-window-0001')).toHaveLength(1);
		await rooms.flushAll();
	});
});
