import type { PageServerLoad } from './$types';
import { services } from '$server/services';
import { joinPoster } from '$lib/server/join-poster';

/** The projector view: a facilitator opens it on the room's screen (same session). */
export const load: PageServerLoad = ({ params, locals, url }) => joinPoster(services(), params.id, locals.facilitator?.id, url);
