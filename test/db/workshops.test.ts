import { describe, expect, test } from 'vitest';
import {
	createWorkshop,
	findWorkshop,
	findWorkshopByJoinCode,
	isFacilitatorOf,
	listWorkshopsOf
} from '../../server/db/repositories/workshops.ts';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, isJoinCode } from '../../src/lib/domain/workshop/join-code.ts';
import { engines, useDatabase } from '../helpers/databases.ts';
import { aFacilitator, unique } from './fixtures.ts';

describe.each(engines())('%s workshops', (engine) => {
	const db = useDatabase(engine);

	test('a new workshop is open, has a readable join code and is found by id and by code', async () => {
		const f = await aFacilitator(db());
		const title = unique('Accueil en mairie');
		const w = await createWorkshop(db(), { title, facilitatorId: f.id });
		expect(w).toMatchObject({ title, createdBy: f.id, status: 'open' });
		expect(w.createdAt).toBeInstanceOf(Date);
		expect(Number.isNaN(w.createdAt.getTime())).toBe(false);
		expect(w.joinCode).toHaveLength(JOIN_CODE_LENGTH);
		expect([...w.joinCode].every((c) => JOIN_CODE_ALPHABET.includes(c))).toBe(true);
		expect(isJoinCode(w.joinCode)).toBe(true);

		expect(await findWorkshop(db(), w.id)).toEqual(w);
		expect(await findWorkshopByJoinCode(db(), w.joinCode)).toEqual(w);
		expect(await findWorkshop(db(), 'missing')).toBeNull();
		expect(await findWorkshopByJoinCode(db(), 'XXXXXX')).toBeNull();
	});

	test('join codes differ between workshops', async () => {
		const f = await aFacilitator(db());
		const codes = new Set<string>();
		for (let i = 0; i < 20; i++) codes.add((await createWorkshop(db(), { title: `W${i}`, facilitatorId: f.id })).joinCode);
		expect(codes.size).toBe(20);
	});

	test('the creator facilitates the workshop; another facilitator does not', async () => {
		const creator = await aFacilitator(db());
		const other = await aFacilitator(db());
		const w = await createWorkshop(db(), { title: 'Atelier', facilitatorId: creator.id });
		expect(await isFacilitatorOf(db(), w.id, creator.id)).toBe(true);
		expect(await isFacilitatorOf(db(), w.id, other.id)).toBe(false);
		expect(await isFacilitatorOf(db(), 'missing', creator.id)).toBe(false);
	});

	test("a facilitator's list holds the workshops they run, newest first, ties by id", async () => {
		const f = await aFacilitator(db());
		const other = await aFacilitator(db());
		const created = [];
		for (const title of ['a', 'b', 'c', 'd']) created.push(await createWorkshop(db(), { title, facilitatorId: f.id }));
		const theirs = await createWorkshop(db(), { title: 'not mine', facilitatorId: other.id });
		// Pin creation times: b newest, a oldest, c and d created in the same instant.
		const times: Record<string, string> = {
			a: '2025-01-01T10:00:00Z',
			b: '2025-01-03T10:00:00Z',
			c: '2025-01-02T10:00:00Z',
			d: '2025-01-02T10:00:00Z'
		};
		for (const w of created) await db().query('UPDATE workshop SET created_at = $2 WHERE id = $1', [w.id, times[w.title]]);
		const [c, d] = [created[2], created[3]].sort((x, y) => (x.id < y.id ? -1 : 1));

		const list = await listWorkshopsOf(db(), f.id);
		expect(list.map((w) => w.id)).toEqual([created[1].id, c.id, d.id, created[0].id]);
		expect(list.map((w) => w.id)).not.toContain(theirs.id);

		// An invited co-facilitator sees the workshop in their list too (pinned older than theirs).
		await db().query('INSERT INTO workshop_facilitator (workshop_id, facilitator_id) VALUES ($1, $2)', [created[0].id, other.id]);
		expect((await listWorkshopsOf(db(), other.id)).map((w) => w.id)).toEqual([theirs.id, created[0].id]);
		expect(await isFacilitatorOf(db(), created[0].id, other.id)).toBe(true);
	});

	test('a facilitator without workshops gets an empty list', async () => {
		expect(await listWorkshopsOf(db(), (await aFacilitator(db())).id)).toEqual([]);
	});
});
