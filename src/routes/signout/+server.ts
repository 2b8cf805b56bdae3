import { redirect, type RequestHandler } from '@sveltejs/kit';
import { FACILITATOR_COOKIE } from '$server/auth/cookies';
import { invalidateSession } from '$server/db/repositories/sessions';
import { services } from '$server/services';

/** POST only: a GET (a link, a prefetch, an image tag) must never sign anyone out. */
export const POST: RequestHandler = async ({ cookies }) => {
	const token = cookies.get(FACILITATOR_COOKIE);
	if (token) await invalidateSession(services().db, token);
	cookies.delete(FACILITATOR_COOKIE, { path: '/' });
	redirect(303, '/');
};
