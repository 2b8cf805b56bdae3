import type { Config } from '../../../server/config.ts';

/** HttpOnly, SameSite=Lax, Secure when served over HTTPS (ORIGIN https:// or CONCERTO_SECURE_COOKIES). */
export function facilitatorCookieOptions(config: Config, expires: Date) {
	return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies, expires };
}

/** Participant sessions get the same protections; the cookie name scopes them to one workshop. */
export const participantCookieOptions = facilitatorCookieOptions;

const YEAR_SECONDS = 365 * 24 * 60 * 60;

/** The language choice is not a secret, but nothing in the page needs to read it either. */
export function localeCookieOptions(config: Config) {
	return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies, maxAge: YEAR_SECONDS };
}
