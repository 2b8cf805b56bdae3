import { randomBytes } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import type { Services } from '$server/services';
import type { OidcConfig } from '$server/config';
import { generateToken } from '$server/auth/tokens';
import { hashPassword } from '$server/auth/passwords';
import { authorizationRequest, claimsFromCallback, OidcRefused } from '$server/auth/oidc-client';
import { facilitatorOfIdentity, linkIdentity, saveOidcAttempt, takeOidcAttempt } from '$server/db/repositories/oidc';
import { createFacilitator, findFacilitatorByEmail } from '$server/db/repositories/facilitators';
import { identityFrom, type OidcRefusal } from '$lib/domain/auth/oidc';
import { DISPLAY_NAME_MAX } from '$lib/domain/workshop/categories';
import type { Locale } from '$lib/i18n';
import { rememberThisDevice, startSession } from './accounts.ts';

/** The browser's half of a sign-in under way: a random token, its row's key (hashed) on our side. */
const ATTEMPT_COOKIE = 'concerto_oidc';
/** Time to sign in at the provider (ProConnect may ask for a second factor). */
const ATTEMPT_MINUTES = 10;

export const redirectUriOf = (origin: string) => `${origin}/signin/oidc/callback`;

/** Starts a sign-in: remembers state, nonce and PKCE verifier for this browser, and answers the provider's URL. */
export async function beginOidcSignIn(s: Services, oidc: OidcConfig, cookies: Cookies, origin: string, redirectTo: string): Promise<URL> {
	const request = await authorizationRequest(oidc, redirectUriOf(origin));
	const token = generateToken();
	const expiresAt = new Date(Date.now() + ATTEMPT_MINUTES * 60_000);
	await saveOidcAttempt(s.db, token, { state: request.state, nonce: request.nonce, codeVerifier: request.codeVerifier, redirectTo }, expiresAt);
	// Lax: sent on the provider's top-level redirect back to us, never on a cross-site post.
	cookies.set(ATTEMPT_COOKIE, token, { path: '/signin/oidc', httpOnly: true, sameSite: 'lax', secure: s.config.secureCookies, maxAge: ATTEMPT_MINUTES * 60 });
	return request.url;
}

/**
 * Finishes a sign-in from the provider's callback: the attempt of this browser (taken once),
 * the provider's checks, then the account — found by (issuer, subject), else by the verified
 * e-mail, else made. Starts the session; returns where to go, or why it was refused.
 */
export async function finishOidcSignIn(
	s: Services,
	oidc: OidcConfig,
	cookies: Cookies,
	callbackUrl: URL,
	locale: Locale
): Promise<{ redirectTo: string } | { refused: OidcRefusal }> {
	const attempt = await takeOidcAttempt(s.db, cookies.get(ATTEMPT_COOKIE), new Date());
	cookies.delete(ATTEMPT_COOKIE, { path: '/signin/oidc' });
	if (!attempt) return { refused: 'replayed' };
	let claims: { issuer: string; claims: Record<string, unknown> };
	try {
		claims = await claimsFromCallback(oidc, callbackUrl, attempt);
	} catch (e) {
		if (e instanceof OidcRefused) {
			s.log.warn({ refusal: e.refusal, err: e.message.slice(0, 200) }, 'OIDC sign-in refused');
			return { refused: e.refusal };
		}
		throw e;
	}
	const identity = identityFrom(claims.issuer, claims.claims, { allowedDomains: oidc.allowedDomains, organisationClaim: oidc.organisationClaim, nameMax: DISPLAY_NAME_MAX });
	if ('refused' in identity) {
		s.log.warn({ refusal: identity.refused }, 'OIDC sign-in refused');
		return identity;
	}
	let facilitatorId = await facilitatorOfIdentity(s.db, identity.issuer, identity.subject);
	if (!facilitatorId) {
		const existing = await findFacilitatorByEmail(s.db, identity.email);
		// No password: this account signs in through the provider (a random one nobody knows).
		const made = existing ?? (await createFacilitator(s.db, { email: identity.email, passwordHash: await hashPassword(randomBytes(32).toString('hex')), displayName: identity.displayName, locale }));
		facilitatorId = (made ?? (await findFacilitatorByEmail(s.db, identity.email)))!.id;
	}
	await linkIdentity(s.db, { issuer: identity.issuer, subject: identity.subject, facilitatorId, organisation: identity.organisation });
	await rememberThisDevice(s, cookies, facilitatorId, null);
	await startSession(s, cookies, facilitatorId);
	return { redirectTo: attempt.redirectTo };
}
