import type { Config } from '../config.ts';

/** Cookie names. Participant and observer cookies are scoped by name to one workshop. */
export const FACILITATOR_COOKIE = 'concerto_session';
/** A browser that signed in before: its sign-ins are throttled apart from strangers' guesses. */
export const DEVICE_COOKIE = 'concerto_device';
export const participantCookie = (workshopId: string) => `concerto_p_${workshopId}`;
export const observerCookie = (workshopId: string) => `concerto_o_${workshopId}`;

/**
 * Every session cookie (facilitator, participant, observer): HttpOnly, SameSite=Lax, Secure
 * when served over HTTPS (ORIGIN https:// or CONCERTO_SECURE_COOKIES). One set of options,
 * so no kind of session is ever sent with weaker protections than the others.
 */
export function sessionCookieOptions(config: Config, expires: Date) {
	return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies, expires };
}

const YEAR_SECONDS = 365 * 24 * 60 * 60;

/** The known-device cookie: a secret like a session's, kept a year (it grants no access by itself). */
export function deviceCookieOptions(config: Config) {
	return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies, maxAge: YEAR_SECONDS };
}

/** The language choice is not a secret, but nothing in the page needs to read it either. */
export function localeCookieOptions(config: Config) {
	return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies, maxAge: YEAR_SECONDS };
}
