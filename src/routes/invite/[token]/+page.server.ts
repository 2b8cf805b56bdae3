import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { services } from '$server/services';
import { acceptInvitation, findUsableInvitation } from '$server/db/repositories/invitations';
import { findWorkshop, isFacilitatorOf } from '$server/db/repositories/workshops';

/**
 * A co-facilitator invitation. Accepting needs a signed-in facilitator account, and a form
 * post (SvelteKit's CSRF check): opening the link alone never grants anything.
 */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const s = services();
	const invitation = await findUsableInvitation(s.db, params.token, new Date());
	const workshop = invitation ? await findWorkshop(s.db, invitation.workshopId) : null;
	if (!invitation || !workshop) return { valid: false as const };
	if (!locals.facilitator) redirect(303, `/signin?redirectTo=${encodeURIComponent(url.pathname)}`);
	if (await isFacilitatorOf(s.db, workshop.id, locals.facilitator.id)) redirect(303, `/w/${workshop.id}`);
	return { valid: true as const, workshop: { title: workshop.title }, me: locals.facilitator.displayName };
};

export const actions: Actions = {
	default: async ({ params, locals, url }) => {
		const s = services();
		if (!locals.facilitator) redirect(303, `/signin?redirectTo=${encodeURIComponent(url.pathname)}`);
		const invitation = await findUsableInvitation(s.db, params.token, new Date());
		// Someone already facilitating keeps the link unused, for the colleague it was meant for.
		if (invitation && (await isFacilitatorOf(s.db, invitation.workshopId, locals.facilitator.id))) redirect(303, `/w/${invitation.workshopId}`);
		const workshopId = await acceptInvitation(s.db, params.token, locals.facilitator.id, new Date());
		if (!workshopId) return { valid: false as const };
		redirect(303, `/w/${workshopId}`);
	}
};
