import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { services } from '$server/services';
import { text } from '$lib/server/forms';
import { facilitatorOrSignIn } from '$lib/server/templates';
import { createOrganisation, organisationsOf } from '$server/db/repositories/organisations';
import { cleanLabel } from '$lib/domain/workshop/categories';
import { ORGANISATION_NAME_MAX } from '$lib/domain/templates/access';

export const load: PageServerLoad = async ({ locals, url }) => {
	const f = facilitatorOrSignIn(locals, url);
	return { organisations: await organisationsOf(services().db, f.id) };
};

export const actions: Actions = {
	create: async ({ request, locals, url }) => {
		const f = facilitatorOrSignIn(locals, url);
		const raw = text(await request.formData(), 'name');
		const name = cleanLabel(raw, ORGANISATION_NAME_MAX);
		if (!name) return fail(400, { name: raw, error: { key: 'organisations.create.invalid' as const, params: { max: ORGANISATION_NAME_MAX } } });
		const o = await services().db.transaction((tx) => createOrganisation(tx, { name, creatorId: f.id }));
		redirect(303, `/organisations/${o.id}`);
	}
};
