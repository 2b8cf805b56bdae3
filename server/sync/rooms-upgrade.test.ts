import pino from 'pino';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appendUpdate, countUpdates } from '../db/repositories/yjs-log.ts';
import { personasOf, readPersonas } from '../../src/lib/domain/board/personas.ts';
import { withDatabase, type TestDatabase } from '../../test/helpers/databases.ts';
import { aWorkshop } from '../../test/db/fixtures.ts';
import { Rooms } from './rooms.ts';

/** A board stored before persona fields were shared texts: its fields are plain strings. */
function olderBoard(): Uint8Array {
	const doc = new Y.Doc();
	const m = new Y.Map<unknown>();
	personasOf(doc).set('p1', m);
	m.set('name', 'Fatima');
	m.set('situation', 'Retraitée');
	m.set('order', 0);
	return Y.encodeStateAsUpdate(doc);
}

describe('a board stored before persona fields were texts', () => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await withDatabase('pglite');
	});
	afterAll(() => t?.close());
	const rooms = () => new Rooms(t.db, { commitWindowMs: 5, compactEvery: 1000, versionEveryMs: 60_000 }, pino({ level: 'silent' }));

	test('is upgraded once when loaded, keeping every value, and the upgrade is stored', async () => {
		const w = await aWorkshop(t.db);
		await appendUpdate(t.db, w.id, olderBoard());
		const first = rooms();
		const room = await first.acquire(w.id);
		const m = personasOf(room.doc).get('p1')!;
		expect(m.get('name')).toBeInstanceOf(Y.Text);
		expect(m.get('age')).toBeInstanceOf(Y.Text);
		expect(readPersonas(room.doc)[0].fields).toMatchObject({ name: 'Fatima', situation: 'Retraitée', age: '' });
		await room.log.flush();
		const stored = await countUpdates(t.db, w.id);
		expect(stored).toBeGreaterThan(1);

		// Loaded again elsewhere: already texts, nothing more is written.
		const again = await rooms().acquire(w.id);
		expect(personasOf(again.doc).get('p1')!.get('situation')).toBeInstanceOf(Y.Text);
		expect(readPersonas(again.doc)[0].fields.situation).toBe('Retraitée');
		await again.log.flush();
		expect(await countUpdates(t.db, w.id)).toBe(stored);
	});
});
