import { describe, expect, test } from 'vitest';
import { clearSignInFailures, recordSignInFailure, reserveSignInAttempt, signInSucceeded, waitBeforeSignIn } from '../../server/db/repositories/sign-in-failures.ts';
import { engines, useDatabase } from '../helpers/databases.ts';
import { unique } from './fixtures.ts';

const T0 = new Date('2025-03-01T09:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

describe.each(engines())('%s sign-in throttle', (engine) => {
	const db = useDatabase(engine);
	const keys = () => [`email:${unique('a')}@example.fr`, `ip:${unique('198.51.100')}`];

	test('the first three failures cost no wait', async () => {
		const k = keys();
		expect(await waitBeforeSignIn(db(), k, T0)).toBe(0);
		for (let i = 0; i < 3; i++) await recordSignInFailure(db(), k, T0);
		expect(await waitBeforeSignIn(db(), k, T0)).toBe(0);
	});

	test('then each failure makes the wait longer, and the wait runs down with time', async () => {
		const k = keys();
		for (let i = 0; i < 3; i++) await recordSignInFailure(db(), k, T0);
		const waits: number[] = [];
		for (let i = 0; i < 3; i++) {
			await recordSignInFailure(db(), k, T0);
			waits.push(await waitBeforeSignIn(db(), k, T0));
		}
		expect(waits[0]).toBeGreaterThan(0);
		expect(waits[1]).toBeGreaterThan(waits[0]);
		expect(waits[2]).toBeGreaterThan(waits[1]);
		expect(await waitBeforeSignIn(db(), k, later(1000))).toBe(waits[2] - 1000);
		expect(await waitBeforeSignIn(db(), k, later(waits[2]))).toBe(0);
	});

	test('the wait is that of the most failed key: a new e-mail does not reset the address', async () => {
		const [email, ip] = keys();
		for (let i = 0; i < 25; i++) await recordSignInFailure(db(), [ip], T0);
		expect(await waitBeforeSignIn(db(), [`email:${unique('other')}`, ip], T0)).toBeGreaterThan(0);
		expect(await waitBeforeSignIn(db(), [email], T0)).toBe(0);
	});

	test('a successful sign-in clears the failures', async () => {
		const k = keys();
		for (let i = 0; i < 6; i++) await recordSignInFailure(db(), k, T0);
		expect(await waitBeforeSignIn(db(), k, T0)).toBeGreaterThan(0);
		await clearSignInFailures(db(), k);
		expect(await waitBeforeSignIn(db(), k, T0)).toBe(0);
		// Counting starts again from zero.
		await recordSignInFailure(db(), k, T0);
		expect(await waitBeforeSignIn(db(), k, T0)).toBe(0);
	});

	test('concurrent attempts are reserved one by one: 50 at once get the allowance of 50 in a row', async () => {
		const k = keys();
		const waits = await Promise.all(Array.from({ length: 50 }, () => reserveSignInAttempt(db(), k, T0)));
		// Three free failures, then the fourth attempt is still free (its wait starts after it).
		expect(waits.filter((w) => w === 0)).toHaveLength(4);
		expect(await waitBeforeSignIn(db(), k, T0)).toBeGreaterThan(0);
	});

	test('an address gets twenty free failures; a success gives its reserved attempt back without clearing it', async () => {
		const address = `ip:${unique('203.0.113')}`;
		for (let i = 0; i < 20; i++) expect(await reserveSignInAttempt(db(), [`email:${unique('g')}@x.fr`, address], T0)).toBe(0);
		const email = `email:${unique('ok')}@x.fr`;
		expect(await reserveSignInAttempt(db(), [email, address], T0)).toBe(0);
		await signInSucceeded(db(), [email], [address]);
		expect(await waitBeforeSignIn(db(), [address], T0)).toBe(0);
		expect(await reserveSignInAttempt(db(), [`email:${unique('g')}@x.fr`, address], T0)).toBe(0);
		expect(await reserveSignInAttempt(db(), [`email:${unique('g')}@x.fr`, address], T0)).toBeGreaterThan(0);
	});
});
