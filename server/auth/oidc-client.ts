import * as client from 'openid-client';
import type { OidcConfig } from '../config.ts';
import type { OidcRefusal } from '../../src/lib/domain/auth/oidc.ts';

/**
 * The OpenID Connect client (authorization code + PKCE, through `openid-client`). The provider's
 * metadata is discovered once per process and again after a failure.
 */
let discovered: { key: string; config: Promise<client.Configuration> } | null = null;

function configuration(oidc: OidcConfig): Promise<client.Configuration> {
	const key = `${oidc.issuer}|${oidc.clientId}`;
	if (discovered?.key !== key) {
		const config = client.discovery(new URL(oidc.issuer), oidc.clientId, oidc.clientSecret, undefined, oidc.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined);
		config.catch(() => {
			if (discovered?.config === config) discovered = null;
		});
		discovered = { key, config };
	}
	return discovered.config;
}

export class OidcRefused extends Error {
	constructor(
		readonly refusal: OidcRefusal,
		message: string
	) {
		super(message);
	}
}

/** The provider's URL to send the browser to, and what the callback will have to check. */
export async function authorizationRequest(oidc: OidcConfig, redirectUri: string): Promise<{ url: URL; state: string; nonce: string; codeVerifier: string }> {
	let config: client.Configuration;
	try {
		config = await configuration(oidc);
	} catch (e) {
		throw new OidcRefused('unavailable', `provider unreachable: ${(e as Error).message}`);
	}
	const codeVerifier = client.randomPKCECodeVerifier();
	const state = client.randomState();
	const nonce = client.randomNonce();
	const scope = ['openid', 'email', 'profile', ...(oidc.organisationClaim ? [oidc.organisationClaim] : [])].join(' ');
	const url = client.buildAuthorizationUrl(config, {
		redirect_uri: redirectUri,
		scope,
		code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
		code_challenge_method: 'S256',
		state,
		nonce
	});
	return { url, state, nonce, codeVerifier };
}

/**
 * Exchanges the callback's code for tokens, checks state, nonce and the ID token, and returns
 * the user's claims (ID token and userinfo together). Every failure becomes a refusal the
 * sign-in page can explain.
 */
export async function claimsFromCallback(
	oidc: OidcConfig,
	callbackUrl: URL,
	expected: { state: string; nonce: string; codeVerifier: string }
): Promise<{ issuer: string; claims: Record<string, unknown> }> {
	let config: client.Configuration;
	try {
		config = await configuration(oidc);
	} catch (e) {
		throw new OidcRefused('unavailable', `provider unreachable: ${(e as Error).message}`);
	}
	try {
		const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
			pkceCodeVerifier: expected.codeVerifier,
			expectedState: expected.state,
			expectedNonce: expected.nonce,
			idTokenExpected: true
		});
		const idClaims = tokens.claims()!;
		const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
		return { issuer: config.serverMetadata().issuer, claims: { ...idClaims, ...info } };
	} catch (e) {
		throw refusalOf(e);
	}
}

function refusalOf(e: unknown): OidcRefused {
	// openid-client wraps oauth4webapi's error: the precise code and message are in its cause.
	const chain: Array<{ code?: string; error?: string; message?: string }> = [];
	for (let err = e as { cause?: unknown } | undefined; err && chain.length < 4; err = err.cause as { cause?: unknown } | undefined) chain.push(err as never);
	const message = chain.map((c) => c.message ?? '').join(': ');
	const codes = chain.map((c) => c.code);
	if (codes.includes('OAUTH_INVALID_RESPONSE') && /"state"/.test(message)) return new OidcRefused('state', message);
	if (codes.includes('OAUTH_JWT_TIMESTAMP_CHECK_FAILED')) return new OidcRefused('expired', message);
	if (chain.some((c) => c.error === 'invalid_grant')) return new OidcRefused('replayed', message);
	return new OidcRefused('failed', message);
}
