/**
 * How long a sign-in key (an e-mail or a client address) must wait after `failures`
 * consecutive failures: free for the first three, then doubling from 2 s up to 5 minutes.
 */
export function signInDelayMs(failures: number): number {
	if (failures <= 3) return 0;
	return Math.min(2000 * 2 ** (failures - 4), 5 * 60_000);
}

/** Milliseconds still to wait at `now`, 0 when a new attempt may go ahead. */
export function signInWaitMs(failures: number, lastFailureAt: number, now: number): number {
	return Math.max(0, lastFailureAt + signInDelayMs(failures) - now);
}

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

/** A loose e-mail shape check; the real proof of an address is a mail, later. */
export function isEmail(s: string): boolean {
	return s.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);
}
