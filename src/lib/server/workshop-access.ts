import { error, redirect } from '@sveltejs/kit';
import type { Services } from '$server/services';
import { findWorkshop, isFacilitatorOf, type Workshop } from '$server/db/repositories/workshops';

// Workshop ids are 16 base32 characters (server/auth/tokens.ts newId); anything else is no workshop.
const WORKSHOP_ID = /^[a-z2-7]{16}$/;

/** The workshop named in a URL, or a 404 page. */
export async function workshopOr404(s: Services, id: string): Promise<Workshop> {
	const workshop = WORKSHOP_ID.test(id) ? await findWorkshop(s.db, id) : null;
	if (!workshop) error(404, { message: 'unknown workshop', code: 'not_found' });
	return workshop;
}

/**
 * The workshop of a facilitator's page: sign-in first (then back here), and only for the
 * facilitators of this workshop. Also gives the public join URL.
 */
export async function facilitatedWorkshop(
	s: Services,
	id: string,
	facilitatorId: string | undefined,
	url: URL
): Promise<{ workshop: Workshop; facilitatorId: string; joinUrl: string }> {
	const workshop = await workshopOr404(s, id);
	if (!facilitatorId) redirect(303, `/signin?redirectTo=${encodeURIComponent(url.pathname)}`);
	if (!(await isFacilitatorOf(s.db, workshop.id, facilitatorId)))
		error(403, { message: 'not a facilitator of this workshop', code: 'workshop_forbidden' });
	// The public origin when configured (behind a proxy the request's may be internal).
	const origin = s.config.origin ?? url.origin;
	return { workshop, facilitatorId, joinUrl: `${origin}/j/${workshop.joinCode}` };
}
