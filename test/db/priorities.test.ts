import { describe, expect, test } from 'vitest';
import { confirmPriorities, phasesWithPriorities, readPlacements, readPriorities, setPlacement } from '../../server/db/repositories/priorities.ts';
import { engines, useDatabase } from '../helpers/databases.ts';
import { aWorkshop } from './fixtures.ts';

describe.each(engines())('%s priorities', (engine) => {
	const db = useDatabase(engine);

	test('a placement per placer and item: placing again moves it; one placer\'s placements apart', async () => {
		const w = await aWorkshop(db());
		await setPlacement(db(), w.id, 'prio', { placerId: 'p1', category: 'usager', itemId: 'a', desirability: 80, feasibility: 20 });
		await setPlacement(db(), w.id, 'prio', { placerId: 'p1', category: 'usager', itemId: 'b', desirability: 10, feasibility: 90 });
		await setPlacement(db(), w.id, 'prio', { placerId: 'p1', category: 'usager', itemId: 'a', desirability: 70, feasibility: 30 });
		await setPlacement(db(), w.id, 'prio', { placerId: 'p2', category: 'elu', itemId: 'a', desirability: 0, feasibility: 100 });
		expect(await readPlacements(db(), w.id, 'prio')).toEqual([
			{ placerId: 'p1', category: 'usager', itemId: 'a', desirability: 70, feasibility: 30 },
			{ placerId: 'p1', category: 'usager', itemId: 'b', desirability: 10, feasibility: 90 },
			{ placerId: 'p2', category: 'elu', itemId: 'a', desirability: 0, feasibility: 100 }
		]);
		expect((await readPlacements(db(), w.id, 'prio', 'p2')).map((p) => p.itemId)).toEqual(['a']);
		expect(await readPlacements(db(), w.id, 'other')).toEqual([]);
		expect(await phasesWithPriorities(db(), w.id)).toEqual(['prio']);
	});

	test('confirmed priorities keep their order; a new confirmation replaces them', async () => {
		const w = await aWorkshop(db());
		expect(await readPriorities(db(), w.id, 'prio')).toEqual([]);
		await confirmPriorities(db(), w.id, 'prio', [
			{ id: 'b', label: 'Accueil sans rendez-vous' },
			{ id: 'a', label: 'Courriers lisibles' }
		]);
		expect(await readPriorities(db(), w.id, 'prio')).toEqual([
			{ id: 'b', label: 'Accueil sans rendez-vous' },
			{ id: 'a', label: 'Courriers lisibles' }
		]);
		await db().transaction((tx) => confirmPriorities(tx, w.id, 'prio', [{ id: 'a', label: 'Courriers lisibles' }]));
		expect(await readPriorities(db(), w.id, 'prio')).toEqual([{ id: 'a', label: 'Courriers lisibles' }]);
		expect(await phasesWithPriorities(db(), w.id)).toEqual(['prio']);
	});

	test('a placement off the matrix is refused by the table itself', async () => {
		const w = await aWorkshop(db());
		await expect(setPlacement(db(), w.id, 'prio', { placerId: 'p', category: 'agent', itemId: 'a', desirability: 101, feasibility: 0 })).rejects.toThrow();
		await expect(setPlacement(db(), w.id, 'prio', { placerId: 'p', category: 'agent', itemId: 'a', desirability: 0, feasibility: -1 })).rejects.toThrow();
	});
});
