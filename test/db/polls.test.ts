import { describe, expect, test } from 'vitest';
import { countAnswered, isPollRevealed, lockAnswer, readAnswer, readAnswers, revealPoll, revealedPolls, setAnswer } from '../../server/db/repositories/polls.ts';
import { engines, useDatabase } from '../helpers/databases.ts';
import { aWorkshop } from './fixtures.ts';

describe.each(engines())('%s polls', (engine) => {
	const db = useDatabase(engine);

	test('an answer replaces the last one; answers are counted by collège, one per participant', async () => {
		const w = await aWorkshop(db());
		await db().transaction(async (tx) => {
			await lockAnswer(tx, w.id, 'poll', 'p1');
			await setAnswer(tx, w.id, 'poll', { participantId: 'p1', category: 'usager', choices: [0, 2] });
		});
		await setAnswer(db(), w.id, 'poll', { participantId: 'p1', category: 'usager', choices: [1] });
		await setAnswer(db(), w.id, 'poll', { participantId: 'p2', category: 'usager', choices: [0, 1, 2] });
		await setAnswer(db(), w.id, 'poll', { participantId: 'p3', category: 'elu', choices: [2] });
		expect(await readAnswer(db(), w.id, 'poll', 'p1')).toEqual([1]);
		expect(await readAnswer(db(), w.id, 'poll', 'nobody')).toEqual([]);
		expect(await countAnswered(db(), w.id, 'poll')).toEqual({ usager: 2, elu: 1 });
		expect(await readAnswers(db(), w.id, 'poll')).toEqual([
			{ participantId: 'p1', category: 'usager', choices: [1] },
			{ participantId: 'p2', category: 'usager', choices: [0, 1, 2] },
			{ participantId: 'p3', category: 'elu', choices: [2] }
		]);
		// Another phase's answers are its own.
		expect(await countAnswered(db(), w.id, 'other')).toEqual({});
	});

	test('a reveal happens once, phase by phase, apart from the votes', async () => {
		const w = await aWorkshop(db());
		expect(await isPollRevealed(db(), w.id, 'poll')).toBe(false);
		expect(await revealPoll(db(), w.id, 'poll')).toBe(true);
		expect(await revealPoll(db(), w.id, 'poll')).toBe(false);
		expect(await isPollRevealed(db(), w.id, 'poll')).toBe(true);
		expect(await revealedPolls(db(), w.id)).toEqual(['poll']);
		const votes = await db().query('SELECT 1 FROM vote_reveal WHERE workshop_id = $1', [w.id]);
		expect(votes).toHaveLength(0);
	});

	test('a choice outside 0–9 is refused by the table itself', async () => {
		const w = await aWorkshop(db());
		await expect(db().query("INSERT INTO poll_answer (workshop_id, phase_id, participant_id, category, choice) VALUES ($1, 'p', 'x', 'usager', 10)", [w.id])).rejects.toThrow();
	});
});
