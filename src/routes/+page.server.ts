import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { services } from '$lib/server/services';
import { text } from '$lib/server/forms';
import { createWorkshop, listWorkshopsOf } from '$server/db/repositories/workshops';
import { isJoinCode, normalizeJoinCode } from '$lib/domain/workshop/join-code';
import { cleanLabel, WORKSHOP_TITLE_MAX } from '$lib/domain/workshop/categories';

export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.facilitator) return { workshops: null };
	const workshops = await listWorkshopsOf(services().db, locals.facilitator.id);
	return { workshops: workshops.map((w) => ({ id: w.id, title: w.title, joinCode: w.joinCode })) };
};

export const actions: Actions = {
	join: async ({ request }) => {
		const raw = text(await request.formData(), 'code');
		const code = normalizeJoinCode(raw);
		if (!isJoinCode(code)) return fail(400, { join: { code: raw, error: { key: 'home.join.invalid' as const } } });
		redirect(303, `/j/${code}`);
	},

	create: async ({ request, locals }) => {
		if (!locals.facilitator) error(401, { message: 'sign in first', code: 'unauthorized' });
		const raw = text(await request.formData(), 'title');
		const title = cleanLabel(raw, WORKSHOP_TITLE_MAX);
		if (!title)
			return fail(400, { create: { title: raw, error: { key: 'home.new.invalid' as const, params: { max: WORKSHOP_TITLE_MAX } } } });
		const workshop = await createWorkshop(services().db, { title, facilitatorId: locals.facilitator.id, locale: locals.locale });
		redirect(303, `/w/${workshop.id}`);
	}
};
