import { describe, expect, test } from 'vitest';
import { FIND_COMMANDS_SQL, findCommand, findCommands, recordCommand, recordCommands } from '../../server/db/repositories/live-commands.ts';
import { engines, useDatabase } from '../helpers/databases.ts';
import { aWorkshop, unique } from './fixtures.ts';

describe.each(engines())('%s live commands', (engine) => {
	const db = useDatabase(engine);

	test('a recorded result is found again, as the same value', async () => {
		const w = await aWorkshop(db());
		const commandId = unique('cmd');
		expect(await findCommand(db(), w.id, commandId)).toBeNull();
		const result = { noteId: 'n1', nested: { list: [1, 'deux', null], accent: 'é' } };
		await recordCommand(db(), { workshopId: w.id, commandId, actorId: 'p1', result });
		expect(await findCommand(db(), w.id, commandId)).toEqual({ actorId: 'p1', result });
	});

	test('a retry with the same id is ignored: the first result stays', async () => {
		const w = await aWorkshop(db());
		const commandId = unique('cmd');
		await recordCommand(db(), { workshopId: w.id, commandId, actorId: 'p1', result: { noteId: 'first' } });
		await expect(
			recordCommand(db(), { workshopId: w.id, commandId, actorId: 'p1', result: { noteId: 'second' } })
		).resolves.toBeUndefined();
		expect(await findCommand(db(), w.id, commandId)).toEqual({ actorId: 'p1', result: { noteId: 'first' } });
		const rows = await db().query('SELECT 1 FROM live_command WHERE workshop_id = $1 AND command_id = $2', [w.id, commandId]);
		expect(rows).toHaveLength(1);
	});

	test('the same command id in another workshop is another command', async () => {
		const [a, b] = [await aWorkshop(db()), await aWorkshop(db())];
		const commandId = unique('cmd');
		await recordCommand(db(), { workshopId: a.id, commandId, actorId: 'p1', result: { noteId: 'a' } });
		expect(await findCommand(db(), b.id, commandId)).toBeNull();
		await recordCommand(db(), { workshopId: b.id, commandId, actorId: 'p2', result: { noteId: 'b' } });
		expect(await findCommand(db(), a.id, commandId)).toEqual({ actorId: 'p1', result: { noteId: 'a' } });
		expect(await findCommand(db(), b.id, commandId)).toEqual({ actorId: 'p2', result: { noteId: 'b' } });
	});

	test('a batch is recorded in one statement and found again in one query; a retry keeps its first result', async () => {
		const w = await aWorkshop(db());
		const [a, b, c] = [unique('cmd'), unique('cmd'), unique('cmd')];
		await recordCommand(db(), { workshopId: w.id, commandId: a, actorId: 'p1', result: { left: 4 } });
		await recordCommands(db(), w.id, [
			{ commandId: a, actorId: 'p1', result: { left: 0 } },
			{ commandId: b, actorId: 'p2', result: { itemId: 'n’1', dots: 2 } }
		]);
		const found = await findCommands(db(), w.id, [a, b, c]);
		expect(Object.fromEntries(found)).toEqual({ [a]: { actorId: 'p1', result: { left: 4 } }, [b]: { actorId: 'p2', result: { itemId: 'n’1', dots: 2 } } });
		expect(await findCommands(db(), w.id, [])).toEqual(new Map());
	});

	test('finding a batch of ids looks them up in the key, however many commands the workshop has stored', async () => {
		const w = await aWorkshop(db());
		const stored = Array.from({ length: 5000 }, (_, i) => ({ commandId: `c${i}`, actorId: `p${i % 300}`, result: { noteId: `n${i}` } }));
		await recordCommands(db(), w.id, stored);
		await db().query('ANALYZE live_command');
		const ids = JSON.stringify(['c17', 'c4242', 'absent']);
		const [{ 'QUERY PLAN': plan }] = await db().query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${FIND_COMMANDS_SQL}`, [w.id, ids]);
		// A scan of the whole table (or of the workshop's 5,000 rows) would grow with every vote and note.
		expect(JSON.stringify(plan)).not.toMatch(/"Seq Scan"/);
		expect(JSON.stringify(plan)).toMatch(/"Index (Only )?Scan"/);
		expect([...(await findCommands(db(), w.id, ['c17', 'c4242', 'absent'])).keys()].sort()).toEqual(['c17', 'c4242']);
	});
});
