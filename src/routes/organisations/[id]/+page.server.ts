import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { services, type Services } from '$server/services';
import { z } from 'zod';
import { parseForm, textField } from '$lib/server/forms';
import { facilitatorOrSignIn } from '$lib/server/templates';
import {
	addMember,
	findOrganisation,
	isMember,
	membersOf,
	organisationSettings,
	RETENTION_MONTHS_MAX,
	RETENTION_MONTHS_MIN,
	setRetentionMonths
} from '$server/db/repositories/organisations';
import { findFacilitatorByEmail } from '$server/db/repositories/facilitators';

const addForm = z.object({ email: textField.transform((v) => v.trim()) });
/** Empty is "the instance's default"; otherwise a whole number of months in range. */
const retentionForm = z.object({
	months: textField
		.transform((v) => v.trim())
		.pipe(
			z.union([
				z.literal('').transform(() => null),
				z.string().regex(/^\d{1,3}$/).transform(Number).pipe(z.number().int().min(RETENTION_MONTHS_MIN).max(RETENTION_MONTHS_MAX))
			])
		)
});

/** Only members see an organisation; to others it does not exist. */
async function memberOr404(s: Services, id: string, facilitatorId: string) {
	const o = /^[a-z2-7]{16}$/.test(id) ? await findOrganisation(s.db, id) : null;
	if (!o || !(await isMember(s.db, o.id, facilitatorId))) error(404, { message: 'unknown organisation', code: 'not_found' });
	return o;
}

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const s = services();
	const f = facilitatorOrSignIn(locals, url);
	const o = await memberOr404(s, params.id, f.id);
	// Members see each other's names only: e-mail addresses stay private to their owners.
	const members = (await membersOf(s.db, o.id)).map((m) => ({ id: m.id, displayName: m.displayName }));
	const settings = await organisationSettings(s.db, o.id);
	return {
		organisation: { id: o.id, name: o.name },
		members,
		retention: {
			months: settings?.participantRetentionMonths ?? null,
			defaultMonths: s.config.participantRetentionMonths,
			canEdit: settings?.createdBy === f.id,
			min: RETENTION_MONTHS_MIN,
			max: RETENTION_MONTHS_MAX
		}
	};
};

export const actions: Actions = {
	/** Any member may add a colleague who already has an account. */
	add: async ({ params, request, locals, url }) => {
		const s = services();
		const f = facilitatorOrSignIn(locals, url);
		const o = await memberOr404(s, params.id, f.id);
		const form = parseForm(addForm, await request.formData());
		if (!form.ok) return fail(400, { email: form.values.email, error: { key: 'organisations.add.unknown' as const } });
		const { email } = form.data;
		const other = email ? await findFacilitatorByEmail(s.db, email) : null;
		if (!other) return fail(400, { email, error: { key: 'organisations.add.unknown' as const } });
		if (!(await addMember(s.db, o.id, other.id))) return fail(400, { email, error: { key: 'organisations.add.already' as const } });
		return { added: other.displayName };
	},
	/**
	 * How long the organisation's workshops keep participants' names, age bands, genders and
	 * e-mails. Only its creator (its admin) may change it: it binds every member's workshops.
	 */
	retention: async ({ params, request, locals, url }) => {
		const s = services();
		const f = facilitatorOrSignIn(locals, url);
		const o = await memberOr404(s, params.id, f.id);
		if ((await organisationSettings(s.db, o.id))?.createdBy !== f.id)
			return fail(403, { retentionError: { key: 'rights.retention.notAdmin' as const } });
		const form = parseForm(retentionForm, await request.formData());
		if (!form.ok)
			return fail(400, {
				months: form.values.months,
				retentionError: { key: 'rights.retention.invalid' as const, params: { min: RETENTION_MONTHS_MIN, max: RETENTION_MONTHS_MAX } }
			});
		await setRetentionMonths(s.db, o.id, form.data.months);
		return { retentionSaved: true };
	}
};
