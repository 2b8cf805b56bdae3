import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { services } from '$server/services';
import { text } from '$lib/server/forms';
import { signIn } from '$lib/server/accounts';
import { safeRedirectPath } from '$lib/server/safe-path';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.facilitator) redirect(303, safeRedirectPath(url.searchParams.get('redirectTo')));
};

export const actions: Actions = {
	default: async ({ request, cookies, locals, url, getClientAddress }) => {
		const back = safeRedirectPath(url.searchParams.get('redirectTo'));
		if (locals.facilitator) redirect(303, back);
		const data = await request.formData();
		const email = text(data, 'email');
		const refused = await signIn(services(), cookies, { email, password: text(data, 'password'), clientAddress: getClientAddress() });
		if (refused) return fail(refused.status, { values: { email }, errors: refused.errors });
		redirect(303, back);
	}
};
