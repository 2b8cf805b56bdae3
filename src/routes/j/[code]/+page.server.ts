import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { services } from '$server/services';
import { text } from '$lib/server/forms';
import type { FieldErrors } from '$lib/server/forms';
import { currentParticipant, joinWorkshop } from '$lib/server/participants';
import { findWorkshopByJoinCode, type Workshop } from '$server/db/repositories/workshops';
import { getJoinSettings } from '$server/db/repositories/join-settings';
import { isJoinCode, normalizeJoinCode } from '$lib/domain/workshop/join-code';
import { cleanLabel, DISPLAY_NAME_MAX, isCategory } from '$lib/domain/workshop/categories';
import { isAgeBand, isGender } from '$lib/domain/workshop/panel';
import { translator } from '$lib/i18n';

async function workshopByCode(raw: string): Promise<Workshop> {
	const code = normalizeJoinCode(raw);
	if (code !== raw) redirect(308, `/j/${code}`);
	const workshop = isJoinCode(code) ? await findWorkshopByJoinCode(services().db, code) : null;
	if (!workshop) error(404, { message: 'no workshop has this join code', code: 'join_code_unknown' });
	return workshop;
}

/** An ended workshop's code leads to its restitution (for now: a page saying results will come). */
const hasEnded = (w: Workshop) => w.status === 'ended';

/**
 * The join page a QR code or a typed code leads to. A returning participant goes straight in
 * while the workshop runs; once it has ended everyone gets the restitution page, never the form.
 */
export const load: PageServerLoad = async ({ params, cookies }) => {
	const s = services();
	const workshop = await workshopByCode(params.code);
	const me = await currentParticipant(s, cookies, workshop.id);
	if (hasEnded(workshop)) return { workshop: { title: workshop.title }, state: 'ended' as const, tookPart: me !== null };
	if (me) redirect(303, `/p/${workshop.id}`);
	const settings = await getJoinSettings(s.db, workshop.id);
	return {
		workshop: { title: workshop.title },
		state: settings.open ? ('open' as const) : ('closed' as const),
		tookPart: false,
		askAgeBand: settings.askAgeBand,
		askGender: settings.askGender,
		retentionMonths: s.config.participantRetentionMonths
	};
};

type JoinField = 'displayName' | 'category' | 'ageBand' | 'gender';

export const actions: Actions = {
	default: async ({ params, request, cookies, locals }) => {
		const s = services();
		const workshop = await workshopByCode(params.code);
		if (await currentParticipant(s, cookies, workshop.id)) redirect(303, `/p/${workshop.id}`);
		const settings = await getJoinSettings(s.db, workshop.id);
		// Checked on the server: a form kept open before the facilitator closed the join is refused.
		if (hasEnded(workshop) || !settings.open) return fail(403, { values: {}, errors: { form: { key: 'join.closed.text' } } as FieldErrors<JoinField> });
		const data = await request.formData();
		const rawName = text(data, 'displayName');
		const category = text(data, 'category');
		// Not asked → never stored, whatever the request carries; asked but left empty → skipped.
		const rawAge = settings.askAgeBand ? text(data, 'ageBand') : '';
		const rawGender = settings.askGender ? text(data, 'gender') : '';
		const errors: FieldErrors<JoinField> = {};
		const anonymous = rawName.trim() === '';
		// An empty name is a choice (anonymity), not an error.
		const displayName = anonymous ? translator(locals.locale)('join.anonymous') : cleanLabel(rawName, DISPLAY_NAME_MAX);
		if (!displayName) errors.displayName = { key: 'join.error.displayName', params: { max: DISPLAY_NAME_MAX } };
		if (!isCategory(category)) errors.category = { key: 'join.error.category' };
		if (rawAge !== '' && !isAgeBand(rawAge)) errors.ageBand = { key: 'join.error.choice' };
		if (rawGender !== '' && !isGender(rawGender)) errors.gender = { key: 'join.error.choice' };
		if (!displayName || !isCategory(category) || Object.keys(errors).length > 0)
			return fail(400, { values: { displayName: rawName, category, ageBand: rawAge, gender: rawGender }, errors });
		await joinWorkshop(s, cookies, {
			workshopId: workshop.id,
			displayName,
			category,
			ageBand: isAgeBand(rawAge) ? rawAge : null,
			gender: isGender(rawGender) ? rawGender : null,
			anonymous
		});
		redirect(303, `/p/${workshop.id}`);
	}
};
