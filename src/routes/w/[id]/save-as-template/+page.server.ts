import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { services, type Services } from '$server/services';
import { z } from 'zod';
import { labelField, parseForm, textField, type FieldErrors } from '$lib/server/forms';
import { workshopOr404 } from '$lib/server/workshop-access';
import { facilitatorOrSignIn, problemMessage, sharingField, viewerOf } from '$lib/server/templates';
import type { Facilitator } from '$server/db/repositories/facilitators';
import { isFacilitatorOf } from '$server/db/repositories/workshops';
import { readAgenda } from '$server/db/repositories/agenda';
import { createTemplate } from '$server/db/repositories/templates';
import { templateOfWorkshop } from '$server/templates/workshops-from-templates';
import { TEMPLATE_DESCRIPTION_MAX, TEMPLATE_NAME_MAX } from '$lib/domain/templates/schema';
import type { Viewer } from '$lib/domain/templates/access';

type Field = 'name' | 'description' | 'sharing';

const saveForm = (viewer: Viewer) =>
	z.object({
		name: labelField(TEMPLATE_NAME_MAX),
		description: textField.transform((v) => v.trim()).pipe(z.string().max(TEMPLATE_DESCRIPTION_MAX)),
		sharing: sharingField(viewer)
	});

const saveMessages = {
	name: { key: 'saveAsTemplate.name.invalid', params: { max: TEMPLATE_NAME_MAX } },
	description: { key: 'templates.problem.tooLong', params: { max: TEMPLATE_DESCRIPTION_MAX } },
	sharing: { key: 'templates.sharing.invalid' }
} satisfies FieldErrors<Field>;

/** Only the workshop's facilitators may turn it into a template. */
async function ownWorkshop(s: Services, id: string, f: Facilitator) {
	const workshop = await workshopOr404(s, id);
	if (!(await isFacilitatorOf(s.db, workshop.id, f.id))) error(403, { message: 'not a facilitator of this workshop', code: 'workshop_forbidden' });
	return workshop;
}

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const s = services();
	const f = facilitatorOrSignIn(locals, url);
	const workshop = await ownWorkshop(s, params.id, f);
	const viewer = await viewerOf(s, f);
	const agenda = await readAgenda(s.db, workshop.id);
	return {
		workshop: { id: workshop.id, title: workshop.title },
		phases: agenda.map((p) => ({ id: p.id, title: p.title, minutes: p.minutes })),
		organisations: viewer.organisations.map((o) => ({ id: o.id, name: o.name }))
	};
};

export const actions: Actions = {
	default: async ({ params, request, locals, url }) => {
		const s = services();
		const f = facilitatorOrSignIn(locals, url);
		const workshop = await ownWorkshop(s, params.id, f);
		const viewer = await viewerOf(s, f);
		const form = parseForm(saveForm(viewer), await request.formData(), saveMessages);
		const { values } = form;
		if (!form.ok) return fail(400, { values, errors: form.errors, problems: [] as ReturnType<typeof problemMessage>[] });
		const { name, description, sharing } = form.data;
		const result = await templateOfWorkshop(s.db, workshop, name, description);
		if (!result.ok)
			return fail(400, {
				values,
				errors: { form: { key: 'saveAsTemplate.invalid', params: { count: result.problems.length } } } as FieldErrors<Field>,
				problems: result.problems.map(problemMessage)
			});
		const id = await createTemplate(s.db, { ownerId: f.id, body: result.template, ...sharing });
		redirect(303, `/templates/${id}`);
	}
};
