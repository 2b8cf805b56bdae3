import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { services } from '$server/services';
import { workshopOr404 } from '$lib/server/workshop-access';
import { resolveActor } from '$server/auth/actor';

/**
 * The participant's page. The actor is resolved exactly as the live and sync servers will
 * resolve it from the same cookies, so the page shows who the server thinks you are.
 */
export const load: PageServerLoad = async ({ params, request }) => {
	const s = services();
	const workshop = await workshopOr404(s, params.id);
	const resolved = await resolveActor(s.db, workshop.id, request.headers.get('cookie') ?? undefined, new Date(), s.config.sessionDays);
	if ('refusal' in resolved) redirect(303, `/j/${workshop.joinCode}`);
	const { actor } = resolved;
	// An observer's session opens the read-only view, never the participant's page.
	if (actor.category === 'observer') redirect(303, `/observe/${workshop.id}`);
	return {
		workshop: { id: workshop.id, title: workshop.title },
		me: { id: actor.id, displayName: actor.displayName, category: actor.category, role: actor.role }
	};
};
