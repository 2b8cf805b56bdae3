import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { services } from '$server/services';
import { finishOidcSignIn } from '$lib/server/oidc-sign-in';

/** The provider sends the browser back here with a code; refusals go back to the sign-in page, explained. */
export const GET: RequestHandler = async ({ url, cookies, locals }) => {
	const s = services();
	if (!s.config.oidc) error(404, { message: 'OIDC sign-in is not configured', code: 'not_found' });
	// The URL the provider redirected to, as registered (behind a proxy the request's own may differ).
	const callbackUrl = new URL(url.pathname + url.search, s.config.origin ?? url.origin);
	const result = await finishOidcSignIn(s, s.config.oidc, cookies, callbackUrl, locals.locale);
	if ('refused' in result) redirect(303, `/signin?oidc=${result.refused}`);
	redirect(303, result.redirectTo);
};
