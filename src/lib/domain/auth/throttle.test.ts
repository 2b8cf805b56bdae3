import { describe, expect, test } from 'vitest';
import { FREE_FAILURES, PASSWORD_MAX, PASSWORD_MIN, isEmail, keyKind, signInDelayMs, signInWaitMs } from './throttle.ts';

describe('sign-in delay', () => {
	test('the first three failures are free (a typo or two must not lock anyone out)', () => {
		expect([0, 1, 2, 3].map((n) => signInDelayMs(n))).toEqual([0, 0, 0, 0]);
	});

	test('from the fourth failure the delay starts at 2 s and doubles', () => {
		expect([4, 5, 6, 7].map((n) => signInDelayMs(n))).toEqual([2000, 4000, 8000, 16000]);
	});

	test('the delay never grows past 5 minutes, however many failures', () => {
		expect(signInDelayMs(12)).toBe(5 * 60_000);
		expect(signInDelayMs(10_000)).toBe(5 * 60_000);
		for (let n = 4; n < 40; n++) expect(signInDelayMs(n + 1)).toBeGreaterThanOrEqual(signInDelayMs(n));
	});

	test('the wait counts down from the last failure and never goes negative', () => {
		const last = 1_000_000;
		expect(signInWaitMs(5, last, last)).toBe(4000);
		expect(signInWaitMs(5, last, last + 1500)).toBe(2500);
		expect(signInWaitMs(5, last, last + 4000)).toBe(0);
		expect(signInWaitMs(5, last, last + 60_000)).toBe(0);
		expect(signInWaitMs(2, last, last)).toBe(0);
	});
});

describe('sign-in keys', () => {
	test('an address shared behind a proxy gets more free failures than an account', () => {
		expect(keyKind('ip:203.0.113.7')).toBe('address');
		expect(keyKind('email:camille@example.fr')).toBe('email');
		expect(keyKind('device:ab12')).toBe('device');
		expect(signInDelayMs(FREE_FAILURES.address, FREE_FAILURES.address)).toBe(0);
		expect(signInDelayMs(FREE_FAILURES.address + 1, FREE_FAILURES.address)).toBe(2000);
		expect(FREE_FAILURES.address).toBeGreaterThan(FREE_FAILURES.email);
	});
});

describe('sign-up input', () => {
	test.each(['camille@example.fr', 'a.b+tag@mairie-lyon.gouv.fr'])('%s is an e-mail', (s) => {
		expect(isEmail(s)).toBe(true);
	});

	test.each(['', 'camille', 'camille@', '@example.fr', 'camille@example', 'a b@example.fr', `${'a'.repeat(250)}@x.fr`])(
		'"%s" is not an e-mail',
		(s) => {
			expect(isEmail(s)).toBe(false);
		}
	);

	test('password bounds allow a passphrase and refuse a short password', () => {
		expect(PASSWORD_MIN).toBeGreaterThanOrEqual(8);
		expect(PASSWORD_MAX).toBeGreaterThanOrEqual(64);
	});
});
