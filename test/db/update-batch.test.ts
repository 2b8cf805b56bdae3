import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import { countUpdates, loadDoc } from '../../server/db/repositories/yjs-log.ts';
import { findCommand } from '../../server/db/repositories/live-commands.ts';
import { storeBatches } from '../../server/db/repositories/update-batch.ts';
import { engines, useDatabase } from '../helpers/databases.ts';
import { aWorkshop, unique } from './fixtures.ts';

/** A board update holding one key, so what was stored can be read back by its text. */
function updateSaying(text: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getMap('probe').set('text', text);
	return Y.encodeStateAsUpdate(doc);
}

describe.each(engines())('%s: several boards’ group commits in one transaction', (engine) => {
	const db = useDatabase(engine);

	const readBack = async (workshopId: string) => {
		const stored = await loadDoc(db(), workshopId);
		const doc = new Y.Doc();
		for (const u of stored.updates) Y.applyUpdate(doc, u);
		return doc.getMap('probe').get('text');
	};

	test('each board gets its own update and command records, and its own sequence number back', async () => {
		const [a, b, c] = [await aWorkshop(db()), await aWorkshop(db()), await aWorkshop(db())];
		// The board without an update first: the numbers must follow the boards, not the rows' order.
		const [seqC, seqA, seqB] = await storeBatches(db(), [
			{ workshopId: c.id, update: null, records: [{ commandId: 'cmd-c', actorId: 'pc', result: { ok: true } }] },
			{ workshopId: a.id, update: updateSaying('board A'), records: [{ commandId: 'cmd-a', actorId: 'pa', result: { noteId: 'na' } }] },
			{ workshopId: b.id, update: updateSaying('board B'), records: [] }
		]);
		expect(await readBack(a.id)).toBe('board A');
		expect(await readBack(b.id)).toBe('board B');
		expect(await countUpdates(db(), c.id)).toBe(0);
		expect(seqA).toBe((await loadDoc(db(), a.id)).lastSeq);
		expect(seqB).toBe((await loadDoc(db(), b.id)).lastSeq);
		expect(seqA).not.toBe(seqB);
		expect(seqC).toBeNull();
		expect(await findCommand(db(), a.id, 'cmd-a')).toMatchObject({ actorId: 'pa', result: { noteId: 'na' } });
		expect(await findCommand(db(), c.id, 'cmd-c')).toMatchObject({ actorId: 'pc' });
		// Each board's command is its own: the same id is another board's command elsewhere.
		expect(await findCommand(db(), b.id, 'cmd-a')).toBeNull();
	});

	test('one board that cannot be written (its workshop erased) stores nothing of the others: all or nothing', async () => {
		const a = await aWorkshop(db());
		await expect(
			storeBatches(db(), [
				{ workshopId: a.id, update: updateSaying('board A'), records: [{ commandId: 'cmd-1', actorId: 'p', result: {} }] },
				// Only a record: the updates' insert succeeds, the records' insert fails after it.
				{ workshopId: unique('erased'), update: null, records: [{ commandId: 'cmd-2', actorId: 'p', result: {} }] }
			])
		).rejects.toThrow();
		expect(await countUpdates(db(), a.id)).toBe(0);
		expect(await findCommand(db(), a.id, 'cmd-1')).toBeNull();
	});

	test('a command id already stored is left as it was (a retry after a lost acknowledgement)', async () => {
		const a = await aWorkshop(db());
		await storeBatches(db(), [{ workshopId: a.id, update: null, records: [{ commandId: 'cmd-1', actorId: 'p1', result: { first: true } }] }]);
		await storeBatches(db(), [{ workshopId: a.id, update: updateSaying('again'), records: [{ commandId: 'cmd-1', actorId: 'p1', result: { first: false } }] }]);
		expect(await findCommand(db(), a.id, 'cmd-1')).toMatchObject({ result: { first: true } });
		expect(await readBack(a.id)).toBe('again');
	});

	test('a board given twice in one call is refused before anything is written', async () => {
		const a = await aWorkshop(db());
		const batch = { workshopId: a.id, update: updateSaying('x'), records: [] };
		await expect(storeBatches(db(), [batch, batch])).rejects.toThrow(/once per call/);
		expect(await countUpdates(db(), a.id)).toBe(0);
	});
});
