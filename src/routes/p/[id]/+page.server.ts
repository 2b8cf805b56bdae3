import { error, redirect } from '@sveltejs/kit';
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
	// No session here: the way in is the join code or the QR code, which this page must not give
	// away (observers and anyone shown a board URL know the workshop's id, not its code).
	if ('refusal' in resolved) error(401, { message: 'no participant session for this workshop', code: 'participant_session_missing' });
	const { actor } = resolved;
	// An observer's session opens the read-only view, never the participant's page.
	if (actor.category === 'observer') redirect(303, `/observe/${workshop.id}`);
	return {
		workshop: { id: workshop.id, title: workshop.title },
		me: { id: actor.id, displayName: actor.displayName, category: actor.category, role: actor.role }
	};
};
