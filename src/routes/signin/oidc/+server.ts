import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { services } from '$server/services';
import { OidcRefused } from '$server/auth/oidc-client';
import { beginOidcSignIn } from '$lib/server/oidc-sign-in';
import { safeRedirectPath } from '$lib/server/safe-path';

/** "Se connecter avec ProConnect": to the provider, with state, nonce and PKCE kept for this browser. */
export const GET: RequestHandler = async ({ url, cookies }) => {
	const s = services();
	if (!s.config.oidc) error(404, { message: 'OIDC sign-in is not configured', code: 'not_found' });
	const origin = s.config.origin ?? url.origin;
	let to: URL;
	try {
		to = await beginOidcSignIn(s, s.config.oidc, cookies, origin, safeRedirectPath(url.searchParams.get('redirectTo')));
	} catch (e) {
		if (e instanceof OidcRefused) redirect(303, `/signin?oidc=${e.refusal}`);
		throw e;
	}
	redirect(303, to.href);
};
