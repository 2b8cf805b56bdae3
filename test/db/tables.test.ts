import { describe, expect, test } from 'vitest';
import {
	createTable,
	deleteTable,
	lockPlan,
	readContributions,
	readDone,
	readSeating,
	readTables,
	setExtraTime,
	replaceSeating,
	seat,
	setContribution,
	setDone,
	setReporter,
	updateTable
} from '../../server/db/repositories/tables.ts';
import { removeParticipant } from '../../server/db/repositories/participants.ts';
import { engines, useDatabase } from '../helpers/databases.ts';
import { aParticipant, aWorkshop } from './fixtures.ts';

describe.each(engines())('%s table plan', (engine) => {
	const db = useDatabase(engine);

	test('tables are kept in order with their names and instructions; renaming and removing one', async () => {
		const w = await aWorkshop(db());
		expect(await readTables(db(), w.id)).toEqual([]);
		await db().transaction(async (tx) => {
			await lockPlan(tx, w.id);
			await createTable(tx, w.id, { id: 't1', name: 'Table 1 — Accueil', instructions: 'Le parcours au guichet' });
			await createTable(tx, w.id, { id: 't2', name: 'Table 2', instructions: '' });
		});
		expect(await updateTable(db(), w.id, 't2', { name: 'Table 2 — Numérique', instructions: 'Les démarches en ligne' })).toBe(true);
		expect(await updateTable(db(), w.id, 'nope', { name: 'x', instructions: '' })).toBe(false);
		expect(await readTables(db(), w.id)).toEqual([
			{ id: 't1', position: 1, name: 'Table 1 — Accueil', instructions: 'Le parcours au guichet', reporterId: null, extraTime: null },
			{ id: 't2', position: 2, name: 'Table 2 — Numérique', instructions: 'Les démarches en ligne', reporterId: null, extraTime: null }
		]);
		// Another workshop's plan is its own.
		const other = await aWorkshop(db());
		expect(await readTables(db(), other.id)).toEqual([]);
		expect(await deleteTable(db(), w.id, 't1')).toBe(true);
		expect(await deleteTable(db(), w.id, 't1')).toBe(false);
		expect((await readTables(db(), w.id)).map((t) => t.id)).toEqual(['t2']);
	});

	test('each participant sits at one table at most; a split replaces the seating; a removed table unseats its people', async () => {
		const w = await aWorkshop(db());
		const [a, b, c] = [await aParticipant(db(), w.id, 'agent'), await aParticipant(db(), w.id, 'usager'), await aParticipant(db(), w.id, 'elu')];
		await createTable(db(), w.id, { id: 't1', name: 'Table 1', instructions: '' });
		await createTable(db(), w.id, { id: 't2', name: 'Table 2', instructions: '' });
		await seat(db(), w.id, a.id, 't1');
		await seat(db(), w.id, a.id, 't2');
		await seat(db(), w.id, b.id, 't1');
		expect(await readSeating(db(), w.id)).toEqual({ t1: [b.id], t2: [a.id] });
		await seat(db(), w.id, b.id, null);
		expect(await readSeating(db(), w.id)).toEqual({ t1: [], t2: [a.id] });

		await replaceSeating(db(), w.id, { t1: [a.id, c.id].sort(), t2: [b.id] });
		expect(await readSeating(db(), w.id)).toEqual({ t1: [a.id, c.id].sort(), t2: [b.id] });
		await deleteTable(db(), w.id, 't1');
		expect(await readSeating(db(), w.id)).toEqual({ t2: [b.id] });
		// A table that does not exist refuses a seat.
		await expect(seat(db(), w.id, a.id, 'ghost')).rejects.toThrow();
		// A name too long for a table is refused by the table itself.
		await expect(createTable(db(), w.id, { id: 't3', name: 'x'.repeat(81), instructions: '' })).rejects.toThrow();
		// Removing someone from the workshop leaves their seat row: the plan reads current people only (see readTablesView).
		expect(await removeParticipant(db(), w.id, b.id, new Date())).toBe(true);
	});

	test("readiness is per phase run: 'done' is recorded once, withdrawn, and a new run starts empty", async () => {
		const w = await aWorkshop(db());
		const [a, b] = [await aParticipant(db(), w.id, 'agent'), await aParticipant(db(), w.id, 'usager')];
		const run = { phaseId: 'idees', startedAt: 1_700_000_000_000 };
		await setDone(db(), w.id, run, a.id, true);
		await setDone(db(), w.id, run, a.id, true);
		await setDone(db(), w.id, run, b.id, true);
		expect(await readDone(db(), w.id, run)).toEqual(new Set([a.id, b.id]));
		await setDone(db(), w.id, run, b.id, false);
		expect(await readDone(db(), w.id, run)).toEqual(new Set([a.id]));
		expect(await readDone(db(), w.id, { ...run, startedAt: run.startedAt + 1 })).toEqual(new Set());
		expect(await readDone(db(), w.id, { ...run, phaseId: 'vote' })).toEqual(new Set());
	});

	test("a table's reporter and its picked contributions; a removed table takes its picks along", async () => {
		const w = await aWorkshop(db());
		const a = await aParticipant(db(), w.id, 'agent');
		await createTable(db(), w.id, { id: 't1', name: 'Table 1', instructions: '' });
		await createTable(db(), w.id, { id: 't2', name: 'Table 2', instructions: '' });
		expect(await setReporter(db(), w.id, 't1', a.id)).toBe(true);
		expect(await setReporter(db(), w.id, 'nope', a.id)).toBe(false);
		expect((await readTables(db(), w.id)).map((t) => t.reporterId)).toEqual([a.id, null]);
		await setContribution(db(), w.id, 't1', 'n1', true);
		await setContribution(db(), w.id, 't1', 'n2', true);
		await setContribution(db(), w.id, 't1', 'n2', true);
		await setContribution(db(), w.id, 't2', 'n3', true);
		await setContribution(db(), w.id, 't1', 'n1', false);
		expect(await readContributions(db(), w.id)).toEqual({ t1: ['n2'], t2: ['n3'] });
		await deleteTable(db(), w.id, 't2');
		expect(await readContributions(db(), w.id)).toEqual({ t1: ['n2'] });
		expect(await setReporter(db(), w.id, 't1', null)).toBe(true);
		expect((await readTables(db(), w.id))[0].reporterId).toBeNull();
		// A table's extra time reads back with its phase run (an epoch in ms does not fit an int4).
		const run = { phaseId: 'idees', startedAt: 1_790_000_000_123, ms: 300_000 };
		expect(await setExtraTime(db(), w.id, 't1', run)).toBe(true);
		expect(await setExtraTime(db(), w.id, 'nope', run)).toBe(false);
		expect((await readTables(db(), w.id))[0].extraTime).toEqual(run);
	});
});
