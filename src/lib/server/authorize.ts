import { error } from '@sveltejs/kit';
import type { Services } from '$server/services';
import { resolveActor, type Actor } from '$server/auth/actor';
import { can, type Action } from '$lib/domain/permissions/roles';

/**
 * The actor of a request on a workshop, checked against the one permission table, exactly as
 * the sync and live gates do: 401 without a valid session, 403 without the right.
 * Form actions call it first, so a participant's or an outsider's post changes nothing.
 */
export async function requireRight(s: Services, workshopId: string, request: Request, action: Action): Promise<Actor> {
	const resolved = await resolveActor(s.db, workshopId, request.headers.get('cookie') ?? undefined, new Date(), s.config.sessionDays);
	if ('refusal' in resolved) {
		if (resolved.refusal === 'forbidden') error(403, { message: 'no right on this workshop', code: 'workshop_forbidden' });
		error(401, { message: 'sign in first', code: 'unauthorized' });
	}
	if (!can(resolved.actor.role, action)) error(403, { message: `your role cannot ${action}`, code: 'workshop_forbidden' });
	return resolved.actor;
}
