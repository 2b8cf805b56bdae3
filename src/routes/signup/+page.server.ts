import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { services } from '$server/services';
import { parseForm } from '$lib/server/forms';
import { signUp, signUpForm, signUpMessages } from '$lib/server/accounts';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.facilitator) redirect(303, '/');
};

export const actions: Actions = {
	default: async ({ request, cookies, locals }) => {
		if (locals.facilitator) redirect(303, '/');
		const form = parseForm(signUpForm, await request.formData(), signUpMessages);
		// The password is never sent back into the page.
		const values = { displayName: form.values.displayName, email: form.values.email };
		if (!form.ok) return fail(400, { values, errors: form.errors });
		const errors = await signUp(services(), cookies, { ...form.data, locale: locals.locale });
		if (errors) return fail(400, { values, errors });
		redirect(303, '/');
	}
};
