import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { services } from '$lib/server/services';
import { workshopOr404 } from '$lib/server/workshop-access';
import { isFacilitatorOf } from '$server/db/repositories/workshops';

/** The facilitator's board: only for facilitators of this workshop. */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const s = services();
	const workshop = await workshopOr404(s, params.id);
	if (!locals.facilitator) redirect(303, `/signin?redirectTo=${encodeURIComponent(url.pathname)}`);
	if (!(await isFacilitatorOf(s.db, workshop.id, locals.facilitator.id)))
		error(403, { message: 'not a facilitator of this workshop', code: 'workshop_forbidden' });
	// The public origin when configured (behind a proxy the request's may be internal).
	const origin = s.config.origin ?? url.origin;
	return {
		workshop: { id: workshop.id, title: workshop.title, joinCode: workshop.joinCode },
		joinUrl: `${origin}/j/${workshop.joinCode}`,
		facilitatorId: locals.facilitator.id
	};
};
