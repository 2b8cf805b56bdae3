import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { services } from '$server/services';
import { signUp, signUpForm, signUpMessages, type SignUpField } from '$lib/server/accounts';
import { parseForm, type FieldErrors } from '$lib/server/forms';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.facilitator) redirect(303, '/');
	const { oidc, passwordSignIn } = services().config;
	return { passwordSignIn, oidc: oidc ? { label: oidc.label } : null };
};

export const actions: Actions = {
	default: async ({ request, cookies, locals }) => {
		if (locals.facilitator) redirect(303, '/');
		// Accounts then come from the organisation's provider, at their first sign-in.
		if (!services().config.passwordSignIn)
			return fail(403, { values: { displayName: '', email: '' }, errors: { form: { key: 'signin.error.passwordOff' } } as FieldErrors<SignUpField> });
		const form = parseForm(signUpForm, await request.formData(), signUpMessages);
		// The password is never sent back into the page.
		const values = { displayName: form.values.displayName, email: form.values.email };
		if (!form.ok) return fail(400, { values, errors: form.errors });
		const errors = await signUp(services(), cookies, { ...form.data, locale: locals.locale });
		if (errors) return fail(400, { values, errors });
		redirect(303, '/');
	}
};
