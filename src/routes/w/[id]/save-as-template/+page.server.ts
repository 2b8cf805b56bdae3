import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { services, type Services } from '$server/services';
import { text, type FieldErrors } from '$lib/server/forms';
import { workshopOr404 } from '$lib/server/workshop-access';
import { facilitatorOrSignIn, parseSharing, problemMessage, viewerOf } from '$lib/server/templates';
import type { Facilitator } from '$server/db/repositories/facilitators';
import { isFacilitatorOf } from '$server/db/repositories/workshops';
import { readAgenda } from '$server/db/repositories/agenda';
import { createTemplate } from '$server/db/repositories/templates';
import { templateOfWorkshop } from '$server/templates/workshops-from-templates';
import { TEMPLATE_DESCRIPTION_MAX, TEMPLATE_NAME_MAX } from '$lib/domain/templates/schema';
import { cleanLabel } from '$lib/domain/workshop/categories';

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
		const data = await request.formData();
		const values = { name: text(data, 'name'), description: text(data, 'description'), sharing: text(data, 'sharing') };
		const name = cleanLabel(values.name, TEMPLATE_NAME_MAX);
		const description = values.description.trim();
		const sharing = parseSharing(values.sharing, viewer);
		const errors: FieldErrors<'name' | 'description' | 'sharing'> = {};
		if (!name) errors.name = { key: 'saveAsTemplate.name.invalid', params: { max: TEMPLATE_NAME_MAX } };
		if (description.length > TEMPLATE_DESCRIPTION_MAX) errors.description = { key: 'templates.problem.tooLong', params: { max: TEMPLATE_DESCRIPTION_MAX } };
		if (!sharing) errors.sharing = { key: 'templates.sharing.invalid' };
		if (!name || !sharing || Object.keys(errors).length > 0) return fail(400, { values, errors, problems: [] as ReturnType<typeof problemMessage>[] });
		const result = await templateOfWorkshop(s.db, workshop, name, description);
		if (!result.ok)
			return fail(400, {
				values,
				errors: { form: { key: 'saveAsTemplate.invalid', params: { count: result.problems.length } } } as FieldErrors<'name' | 'description' | 'sharing'>,
				problems: result.problems.map(problemMessage)
			});
		const id = await createTemplate(s.db, { ownerId: f.id, body: result.template, ...sharing });
		redirect(303, `/templates/${id}`);
	}
};
