import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { services } from '$lib/server/services';
import { text } from '$lib/server/forms';
import type { FieldErrors } from '$lib/server/forms';
import { currentParticipant, joinWorkshop } from '$lib/server/participants';
import { findWorkshopByJoinCode, type Workshop } from '$server/db/repositories/workshops';
import { isJoinCode, normalizeJoinCode } from '$lib/domain/workshop/join-code';
import { cleanLabel, DISPLAY_NAME_MAX, isCategory } from '$lib/domain/workshop/categories';
import { translator } from '$lib/i18n';

async function workshopByCode(raw: string): Promise<Workshop> {
	const code = normalizeJoinCode(raw);
	if (code !== raw) redirect(308, `/j/${code}`);
	const workshop = isJoinCode(code) ? await findWorkshopByJoinCode(services().db, code) : null;
	if (!workshop) error(404, { message: 'no workshop has this join code', code: 'join_code_unknown' });
	return workshop;
}

/** The join page a QR code or a typed code leads to; a returning participant goes straight in. */
export const load: PageServerLoad = async ({ params, cookies }) => {
	const workshop = await workshopByCode(params.code);
	if (await currentParticipant(services(), cookies, workshop.id)) redirect(303, `/p/${workshop.id}`);
	return { workshop: { title: workshop.title } };
};

export const actions: Actions = {
	default: async ({ params, request, cookies, locals }) => {
		const s = services();
		const workshop = await workshopByCode(params.code);
		if (await currentParticipant(s, cookies, workshop.id)) redirect(303, `/p/${workshop.id}`);
		const data = await request.formData();
		const rawName = text(data, 'displayName');
		const category = text(data, 'category');
		const errors: FieldErrors<'displayName' | 'category'> = {};
		// An empty name is a choice (anonymity), not an error.
		const displayName = rawName.trim() === '' ? translator(locals.locale)('join.anonymous') : cleanLabel(rawName, DISPLAY_NAME_MAX);
		if (!displayName) errors.displayName = { key: 'join.error.displayName', params: { max: DISPLAY_NAME_MAX } };
		if (!isCategory(category)) errors.category = { key: 'join.error.category' };
		if (!displayName || !isCategory(category)) return fail(400, { values: { displayName: rawName, category }, errors });
		await joinWorkshop(s, cookies, { workshopId: workshop.id, displayName, category });
		redirect(303, `/p/${workshop.id}`);
	}
};
