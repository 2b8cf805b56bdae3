/**
 * How many failures a sign-in key may have before it must wait. An account (its e-mail) gets
 * three; an address gets more, because behind a town hall's proxy every agent shares one; a
 * device that signed in before gets its own three, so nobody else's guesses lock it out.
 */
export const FREE_FAILURES = { email: 3, address: 20, device: 3 } as const;
export type SignInKeyKind = keyof typeof FREE_FAILURES;

/**
 * How long a sign-in key must wait after `failures` consecutive failures: free for the first
 * `free`, then doubling from 2 s up to 5 minutes.
 */
export function signInDelayMs(failures: number, free: number = FREE_FAILURES.email): number {
	if (failures <= free) return 0;
	return Math.min(2000 * 2 ** (failures - free - 1), 5 * 60_000);
}

/** Milliseconds still to wait at `now`, 0 when a new attempt may go ahead. */
export function signInWaitMs(failures: number, lastFailureAt: number, now: number, free: number = FREE_FAILURES.email): number {
	return Math.max(0, lastFailureAt + signInDelayMs(failures, free) - now);
}

/** The kind of a stored key (`email:…`, `ip:…`, `device:…`), which sets its allowance. */
export function keyKind(key: string): SignInKeyKind {
	return key.startsWith('ip:') ? 'address' : key.startsWith('device:') ? 'device' : 'email';
}

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

/** A loose e-mail shape check; the real proof of an address is a mail, later. */
export function isEmail(s: string): boolean {
	return s.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);
}
