import { describe, expect, test } from 'vitest';
import { createParticipant, findParticipant } from '../../server/db/repositories/participants.ts';
import { CATEGORIES } from '../../src/lib/domain/workshop/categories.ts';
import { engines, useDatabase } from '../helpers/databases.ts';
import { aWorkshop } from './fixtures.ts';

describe.each(engines())('%s participants', (engine) => {
	const db = useDatabase(engine);

	test('a participant joins a workshop with a name and a category, as a plain participant', async () => {
		const w = await aWorkshop(db());
		const p = await createParticipant(db(), { workshopId: w.id, displayName: 'Dominique', category: 'usager' });
		expect(p).toEqual({
			id: expect.stringMatching(/^[a-z2-7]{16}$/),
			workshopId: w.id,
			displayName: 'Dominique',
			category: 'usager',
			role: 'participant',
			ageBand: null,
			gender: null,
			anonymous: false,
			removedAt: null,
			erasedAt: null,
			joinedAt: expect.any(Date),
			answerEmail: null
		});
		expect(await findParticipant(db(), p.id)).toEqual(p);
		expect(await findParticipant(db(), 'missing')).toBeNull();
	});

	test('every category is stored as given, and names with accents and emoji round-trip', async () => {
		const w = await aWorkshop(db());
		for (const category of CATEGORIES) {
			const p = await createParticipant(db(), { workshopId: w.id, displayName: 'Élodie 🌻', category });
			expect(await findParticipant(db(), p.id)).toMatchObject({ category, displayName: 'Élodie 🌻' });
		}
	});

	test('two people with the same name are two participants', async () => {
		const w = await aWorkshop(db());
		const a = await createParticipant(db(), { workshopId: w.id, displayName: 'Sam', category: 'agent' });
		const b = await createParticipant(db(), { workshopId: w.id, displayName: 'Sam', category: 'agent' });
		expect(a.id).not.toBe(b.id);
	});

	test('a participant cannot join a workshop that does not exist', async () => {
		await expect(createParticipant(db(), { workshopId: 'missing', displayName: 'Sam', category: 'agent' })).rejects.toThrow();
	});

	test('deleting a workshop removes its participants and their sessions (GDPR: nothing left behind)', async () => {
		const w = await aWorkshop(db());
		const p = await createParticipant(db(), { workshopId: w.id, displayName: 'Sam', category: 'elu' });
		await db().query(`INSERT INTO session (id, participant_id, expires_at) VALUES ($1, $2, now() + interval '1 day')`, [
			`s-${p.id}`,
			p.id
		]);
		await db().query('DELETE FROM workshop WHERE id = $1', [w.id]);
		expect(await findParticipant(db(), p.id)).toBeNull();
		expect(await db().query('SELECT 1 FROM session WHERE participant_id = $1', [p.id])).toEqual([]);
	});
});
