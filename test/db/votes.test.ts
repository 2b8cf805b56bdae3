import { describe, expect, test } from 'vitest';
import {
	countVoters,
	isRevealed,
	lockVotePhase,
	readBallot,
	readBallots,
	readPaperDots,
	readVotes,
	revealVotes,
	revealedPhases,
	setPaperDots,
	writeVotes
} from '../../server/db/repositories/votes.ts';
import { engines, useDatabase } from '../helpers/databases.ts';
import { aWorkshop } from './fixtures.ts';

describe.each(engines())('%s votes', (engine) => {
	const db = useDatabase(engine);

	test('a ballot is set item by item, 0 withdraws, and only voters are counted (by collège)', async () => {
		const w = await aWorkshop(db());
		await db().transaction(async (tx) => {
			await lockVotePhase(tx, w.id, 'vote');
			await writeVotes(tx, w.id, 'vote', [
				{ voterId: 'p1', category: 'usager', itemId: 'a', dots: 2 },
				{ voterId: 'p1', category: 'usager', itemId: 'b', dots: 1 },
				{ voterId: 'p2', category: 'elu', itemId: 'b', dots: 1 }
			]);
		});
		// One batch sets, moves and withdraws at once.
		await writeVotes(db(), w.id, 'vote', [
			{ voterId: 'p1', category: 'usager', itemId: 'a', dots: 3 },
			{ voterId: 'p2', category: 'elu', itemId: 'b', dots: 0 },
			{ voterId: 'p3', category: 'agent', itemId: 'c', dots: 2 }
		]);
		const ballots = await readBallots(db(), w.id, 'vote', ['p1', 'p2', 'nobody']);
		expect([...ballots.keys()]).toEqual(['p1', 'p2', 'nobody']);
		expect(Object.fromEntries(ballots.get('p1') ?? [])).toEqual({ a: 3, b: 1 });
		expect(ballots.get('nobody')).toEqual(new Map());
		expect(Object.fromEntries(await readBallot(db(), w.id, 'vote', 'p1'))).toEqual({ a: 3, b: 1 });
		expect(await readBallot(db(), w.id, 'vote', 'p2')).toEqual(new Map());
		expect(await countVoters(db(), w.id, 'vote')).toEqual({ usager: 1, agent: 1 });
		expect(await readVotes(db(), w.id, 'vote')).toEqual([
			{ voterId: 'p1', category: 'usager', itemId: 'a', dots: 3 },
			{ voterId: 'p1', category: 'usager', itemId: 'b', dots: 1 },
			{ voterId: 'p3', category: 'agent', itemId: 'c', dots: 2 }
		]);
		// Another phase's votes are its own.
		expect(await countVoters(db(), w.id, 'other')).toEqual({});
	});

	test('paper dots are kept apart, per item and collège; a reveal happens once', async () => {
		const w = await aWorkshop(db());
		await setPaperDots(db(), w.id, 'vote', { itemId: 'a', category: 'usager', dots: 4 });
		await setPaperDots(db(), w.id, 'vote', { itemId: 'a', category: 'usager', dots: 5 });
		await setPaperDots(db(), w.id, 'vote', { itemId: 'b', category: 'elu', dots: 1 });
		await setPaperDots(db(), w.id, 'vote', { itemId: 'b', category: 'elu', dots: 0 });
		expect(await readPaperDots(db(), w.id, 'vote')).toEqual([{ itemId: 'a', category: 'usager', dots: 5 }]);
		expect(await countVoters(db(), w.id, 'vote')).toEqual({});
		expect(await isRevealed(db(), w.id, 'vote')).toBe(false);
		expect(await revealVotes(db(), w.id, 'vote')).toBe(true);
		expect(await revealVotes(db(), w.id, 'vote')).toBe(false);
		expect(await isRevealed(db(), w.id, 'vote')).toBe(true);
		expect(await revealedPhases(db(), w.id)).toEqual(['vote']);
	});

	test('a vote of no dots is refused by the table itself', async () => {
		const w = await aWorkshop(db());
		await expect(db().query("INSERT INTO vote (workshop_id, phase_id, voter_id, category, item_id, dots) VALUES ($1, 'v', 'p', 'usager', 'a', 0)", [w.id])).rejects.toThrow();
	});
});
