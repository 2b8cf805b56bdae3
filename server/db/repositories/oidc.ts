import type { Queryable } from '../db.ts';
import { hashToken } from '../../auth/tokens.ts';

export interface OidcAttempt {
	state: string;
	nonce: string;
	codeVerifier: string;
	redirectTo: string;
}

/** Keeps a sign-in under way for the browser holding `token` until `expiresAt`. */
export async function saveOidcAttempt(db: Queryable, token: string, attempt: OidcAttempt, expiresAt: Date): Promise<void> {
	await db.query('DELETE FROM oidc_attempt WHERE expires_at < now()');
	await db.query(
		'INSERT INTO oidc_attempt (token_hash, state, nonce, code_verifier, redirect_to, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
		[hashToken(token), attempt.state, attempt.nonce, attempt.codeVerifier, attempt.redirectTo, expiresAt]
	);
}

/** The sign-in under way for `token`, removed as it is read (single use); null when none or expired. */
export async function takeOidcAttempt(db: Queryable, token: string | undefined, now: Date): Promise<OidcAttempt | null> {
	if (!token || token.length > 64) return null;
	const rows = await db.query<{ state: string; nonce: string; code_verifier: string; redirect_to: string; expires_at: Date | string }>(
		'DELETE FROM oidc_attempt WHERE token_hash = $1 RETURNING state, nonce, code_verifier, redirect_to, expires_at',
		[hashToken(token)]
	);
	const r = rows[0];
	if (!r || new Date(r.expires_at) < now) return null;
	return { state: r.state, nonce: r.nonce, codeVerifier: r.code_verifier, redirectTo: r.redirect_to };
}

/** The facilitator a provider account signed in as before, if any. */
export async function facilitatorOfIdentity(db: Queryable, issuer: string, subject: string): Promise<string | null> {
	const rows = await db.query<{ facilitator_id: string }>(
		'UPDATE facilitator_identity SET last_sign_in_at = now() WHERE issuer = $1 AND subject = $2 RETURNING facilitator_id',
		[issuer, subject]
	);
	return rows[0]?.facilitator_id ?? null;
}

export async function linkIdentity(db: Queryable, input: { issuer: string; subject: string; facilitatorId: string; organisation: string | null }): Promise<void> {
	await db.query(
		`INSERT INTO facilitator_identity (issuer, subject, facilitator_id, organisation) VALUES ($1, $2, $3, $4)
		 ON CONFLICT (issuer, subject) DO UPDATE SET organisation = EXCLUDED.organisation, last_sign_in_at = now()`,
		[input.issuer, input.subject, input.facilitatorId, input.organisation]
	);
}
