import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { services } from '$server/services';
import { z } from 'zod';
import { labelField, parseForm } from '$lib/server/forms';
import { facilitatorOrSignIn } from '$lib/server/templates';
import { createOrganisation, organisationsOf } from '$server/db/repositories/organisations';
import { ORGANISATION_NAME_MAX } from '$lib/domain/templates/access';

const createForm = z.object({ name: labelField(ORGANISATION_NAME_MAX) });

export const load: PageServerLoad = async ({ locals, url }) => {
	const f = facilitatorOrSignIn(locals, url);
	return { organisations: await organisationsOf(services().db, f.id) };
};

export const actions: Actions = {
	create: async ({ request, locals, url }) => {
		const f = facilitatorOrSignIn(locals, url);
		const form = parseForm(createForm, await request.formData());
		if (!form.ok)
			return fail(400, { name: form.values.name, error: { key: 'organisations.create.invalid' as const, params: { max: ORGANISATION_NAME_MAX } } });
		const { name } = form.data;
		const o = await services().db.transaction((tx) => createOrganisation(tx, { name, creatorId: f.id }));
		redirect(303, `/organisations/${o.id}`);
	}
};
