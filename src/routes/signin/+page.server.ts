import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { services } from '$server/services';
import { signIn, signInForm, signInMessages, type SignInField } from '$lib/server/accounts';
import { parseForm, type FieldErrors } from '$lib/server/forms';
import { isOidcRefusal } from '$lib/domain/auth/oidc';
import { safeRedirectPath } from '$lib/server/safe-path';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.facilitator) redirect(303, safeRedirectPath(url.searchParams.get('redirectTo')));
	const { oidc, passwordSignIn } = services().config;
	const refusal = url.searchParams.get('oidc');
	return {
		oidc: oidc ? { label: oidc.label } : null,
		passwordSignIn,
		redirectTo: url.searchParams.get('redirectTo'),
		oidcRefusal: isOidcRefusal(refusal) ? refusal : null
	};
};

export const actions: Actions = {
	default: async ({ request, cookies, locals, url, getClientAddress }) => {
		const back = safeRedirectPath(url.searchParams.get('redirectTo'));
		if (locals.facilitator) redirect(303, back);
		// Switched off: accounts sign in through the organisation's provider only.
		if (!services().config.passwordSignIn) return fail(403, { values: { email: '' }, errors: { form: { key: 'signin.error.passwordOff' } } as FieldErrors<SignInField> });
		const form = parseForm(signInForm, await request.formData(), signInMessages);
		// The password is never sent back into the page.
		const values = { email: form.values.email };
		if (!form.ok) return fail(400, { values, errors: form.errors });
		const refused = await signIn(services(), cookies, { ...form.data, clientAddress: getClientAddress() });
		if (refused) return fail(refused.status, { values, errors: refused.errors });
		redirect(303, back);
	}
};
