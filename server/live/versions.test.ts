import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Rooms } from '../sync/rooms.ts';
import { withDatabase, type TestDatabase } from '../../test/helpers/databases.ts';
import { aFacilitator, aParticipant, aWorkshop } from '../../test/db/fixtures.ts';
import { aNote } from '../../test/helpers/notes.ts';
import type { Actor } from '../auth/actor.ts';
import { insertNote, readNotes, removeNote } from '../../src/lib/domain/board/notes.ts';
import { listVersions } from '../db/repositories/board-versions.ts';
import { readEvents } from '../db/repositories/agenda.ts';
import { silentNotifier } from './notifier.ts';
import { versionRestore } from './versions.ts';

/**
 * The restore command in process, for what the integration test does not see: the workshop's
 * log line, and a retry of the same command restoring (and saving) nothing twice.
 */
describe('version.restore', () => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await withDatabase('pglite');
	});
	afterAll(() => t?.close());

	test('is logged, undoable, and applied once per command id', async () => {
		const f = await aFacilitator(t.db);
		const w = await aWorkshop(t.db, f.id);
		const p = await aParticipant(t.db, w.id);
		const rooms = new Rooms(t.db, { commitWindowMs: 5, compactEvery: 1000 }, pino({ level: 'silent' }));
		const deps = { db: t.db, rooms, log: pino({ level: 'silent' }), notify: silentNotifier };
		const facilitator: Actor = { kind: 'facilitator', id: f.id, role: 'facilitator', displayName: 'Camille', category: 'facilitator' };
		const participant: Actor = { kind: 'participant', id: p.id, role: 'participant', displayName: 'Dominique', category: 'usager' };

		const room = await rooms.acquire(w.id);
		insertNote(room.doc, aNote('a'));
		const first = await rooms.versions.save(room, 'phase', { phaseId: 'idees', label: 'Idées' }, 'always');
		removeNote(room.doc, 'a');
		insertNote(room.doc, aNote('b'));

		const refused = await versionRestore(deps, participant, w.id, { commandId: 'restore-by-participant', versionId: first!.id });
		expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(readNotes(room.doc).map((n) => n.id)).toEqual(['b']);

		const input = { commandId: 'restore-0001', versionId: first!.id };
		const res = await versionRestore(deps, facilitator, w.id, input);
		if (!res.ok) throw new Error(res.error.message);
		expect(readNotes(room.doc).map((n) => n.id)).toEqual(['a']);
		const retry = await versionRestore(deps, facilitator, w.id, input);
		expect(retry).toEqual(res);
		expect((await listVersions(t.db, w.id)).map((v) => v.reason)).toEqual(['before_restore', 'phase']);

		const events = (await readEvents(t.db, w.id)).filter((e) => e.action === 'version.restore');
		expect(events).toEqual([
			expect.objectContaining({ actorId: f.id, detail: expect.objectContaining({ versionId: first!.id, undoVersionId: (res.value as { undoVersionId: string }).undoVersionId }) })
		]);

		const undo = await versionRestore(deps, facilitator, w.id, { commandId: 'restore-0002', versionId: (res.value as { undoVersionId: string }).undoVersionId });
		expect(undo).toMatchObject({ ok: true });
		expect(readNotes(room.doc).map((n) => n.id)).toEqual(['b']);
		rooms.release(room);
		await rooms.flushAll();
	});
});
