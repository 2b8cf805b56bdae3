import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { services } from '$server/services';
import { startObserverSession } from '$server/db/repositories/observers';
import { observerCookie, sessionCookieOptions } from '$server/auth/cookies';

/**
 * An observer link: opening it gives this browser a read-only session for the workshop (a
 * projector needs no click). The session is only read rights, so a link preview that opens
 * it gains nothing the link itself does not already give.
 */
export const load: PageServerLoad = async ({ params, cookies }) => {
	const s = services();
	const started = await startObserverSession(s.db, params.token, new Date(), s.config.sessionDays);
	if (!started) error(404, { message: 'this observer link is not valid', code: 'not_found' });
	cookies.set(observerCookie(started.workshopId), started.token, sessionCookieOptions(s.config, started.expiresAt));
	redirect(303, `/observe/${started.workshopId}`);
};
