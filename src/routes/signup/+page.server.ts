import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { services } from '$server/services';
import { text } from '$lib/server/forms';
import { signUp } from '$lib/server/accounts';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.facilitator) redirect(303, '/');
};

export const actions: Actions = {
	default: async ({ request, cookies, locals }) => {
		if (locals.facilitator) redirect(303, '/');
		const data = await request.formData();
		const input = { displayName: text(data, 'displayName'), email: text(data, 'email'), password: text(data, 'password') };
		const errors = await signUp(services(), cookies, { ...input, locale: locals.locale });
		// The password is never sent back into the page.
		if (errors) return fail(400, { values: { displayName: input.displayName, email: input.email }, errors });
		redirect(303, '/');
	}
};
