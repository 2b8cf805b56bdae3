import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { services } from '$server/services';
import { parseForm } from '$lib/server/forms';
import { signIn, signInForm, signInMessages } from '$lib/server/accounts';
import { safeRedirectPath } from '$lib/server/safe-path';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.facilitator) redirect(303, safeRedirectPath(url.searchParams.get('redirectTo')));
};

export const actions: Actions = {
	default: async ({ request, cookies, locals, url, getClientAddress }) => {
		const back = safeRedirectPath(url.searchParams.get('redirectTo'));
		if (locals.facilitator) redirect(303, back);
		const form = parseForm(signInForm, await request.formData(), signInMessages);
		// The password is never sent back into the page.
		const values = { email: form.values.email };
		if (!form.ok) return fail(400, { values, errors: form.errors });
		const refused = await signIn(services(), cookies, { ...form.data, clientAddress: getClientAddress() });
		if (refused) return fail(refused.status, { values, errors: refused.errors });
		redirect(303, back);
	}
};
