import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { services, type Services } from '$server/services';
import { z } from 'zod';
import { parseForm, textField } from '$lib/server/forms';
import { facilitatorOrSignIn } from '$lib/server/templates';
import { addMember, findOrganisation, isMember, membersOf } from '$server/db/repositories/organisations';
import { findFacilitatorByEmail } from '$server/db/repositories/facilitators';

const addForm = z.object({ email: textField.transform((v) => v.trim()) });

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
	return { organisation: { id: o.id, name: o.name }, members };
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
	}
};
