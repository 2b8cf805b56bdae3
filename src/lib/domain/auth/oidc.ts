/**
 * Rules of signing facilitators in through an OpenID Connect provider (ProConnect, the State's
 * federation for public agents, or a town's own Keycloak). Pure: the callback applies them to
 * the claims the provider vouched for.
 */

/** Why a sign-in through the provider was refused; each has its message on the sign-in page. */
export const OIDC_REFUSALS = ['state', 'replayed', 'expired', 'domain', 'unverified', 'failed', 'unavailable'] as const;
export type OidcRefusal = (typeof OIDC_REFUSALS)[number];

export const isOidcRefusal = (v: unknown): v is OidcRefusal => typeof v === 'string' && (OIDC_REFUSALS as readonly string[]).includes(v);

/** True when `email`'s domain is one of `domains` or below one of them; any domain when the list is empty. */
export function emailDomainAllowed(email: string, domains: readonly string[]): boolean {
	if (domains.length === 0) return true;
	const at = email.lastIndexOf('@');
	if (at < 1) return false;
	const domain = email.slice(at + 1).toLowerCase();
	return domains.some((d) => domain === d || domain.endsWith(`.${d}`));
}

/** The claims a facilitator account is made or found from. */
export interface OidcIdentity {
	issuer: string;
	subject: string;
	email: string;
	displayName: string;
	organisation: string | null;
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * The identity from the provider's claims, or why it is refused: an e-mail the provider says it
 * verified is what links an existing account, so an unverified one is never used.
 */
export function identityFrom(
	issuer: string,
	claims: Record<string, unknown>,
	options: { allowedDomains: readonly string[]; organisationClaim: string | null; nameMax: number }
): OidcIdentity | { refused: OidcRefusal } {
	const email = text(claims.email).toLowerCase();
	if (!email || claims.email_verified !== true) return { refused: 'unverified' };
	if (!emailDomainAllowed(email, options.allowedDomains)) return { refused: 'domain' };
	// ProConnect gives given_name and usual_name; most providers give name.
	const name = text(claims.name) || [text(claims.given_name), text(claims.usual_name) || text(claims.family_name)].filter(Boolean).join(' ') || email.slice(0, email.indexOf('@'));
	const organisation = options.organisationClaim ? text(claims[options.organisationClaim]) || null : null;
	return { issuer, subject: text(claims.sub), email, displayName: name.slice(0, options.nameMax), organisation };
}
