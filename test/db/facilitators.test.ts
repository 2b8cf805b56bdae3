import { describe, expect, test } from 'vitest';
import {
	createFacilitator,
	findFacilitator,
	findFacilitatorByEmail
} from '../../server/db/repositories/facilitators.ts';
import { engines, useDatabase } from '../helpers/databases.ts';
import { unique } from './fixtures.ts';

describe.each(engines())('%s facilitators', (engine) => {
	const db = useDatabase(engine);
	const input = (email: string) => ({ email, passwordHash: 'hash-1', displayName: 'Camille Martin', locale: 'en' });

	test('an account is created with its fields and found by id', async () => {
		const email = `${unique('camille')}@example.fr`;
		const f = await createFacilitator(db(), input(email));
		expect(f).toEqual({ id: expect.stringMatching(/^[a-z2-7]{16}$/), email, displayName: 'Camille Martin', locale: 'en' });
		expect(await findFacilitator(db(), f!.id)).toEqual(f);
		expect(await findFacilitator(db(), 'nobody')).toBeNull();
	});

	test('an e-mail already taken, in any case or with spaces, gives null and keeps the first account', async () => {
		const local = unique('dominique');
		const first = await createFacilitator(db(), input(`${local}@example.fr`));
		expect(first).not.toBeNull();
		expect(await createFacilitator(db(), { ...input(`  ${local.toUpperCase()}@Example.FR `), passwordHash: 'hash-2' })).toBeNull();
		const found = await findFacilitatorByEmail(db(), `${local}@example.fr`);
		expect(found?.id).toBe(first!.id);
		expect(found?.passwordHash).toBe('hash-1');
	});

	test('sign-in finds the account by e-mail whatever its case, with the password hash', async () => {
		const local = unique('Alix');
		const f = await createFacilitator(db(), input(`${local}@Example.fr`));
		const found = await findFacilitatorByEmail(db(), ` ${local.toLowerCase()}@EXAMPLE.FR`);
		expect(found).toEqual({ ...f, passwordHash: 'hash-1' });
		expect(await findFacilitatorByEmail(db(), `${unique('absent')}@example.fr`)).toBeNull();
	});

	test('the e-mail is stored trimmed', async () => {
		const email = `${unique('sacha')}@example.fr`;
		const f = await createFacilitator(db(), input(`  ${email}\t`));
		expect(f?.email).toBe(email);
	});
});
