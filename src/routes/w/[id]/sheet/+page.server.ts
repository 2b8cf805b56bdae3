import type { PageServerLoad } from './$types';
import { services } from '$server/services';
import { joinPoster } from '$lib/server/join-poster';

/** The printable A4 join poster, for walls and tables. */
export const load: PageServerLoad = ({ params, locals, url }) => joinPoster(services(), params.id, locals.facilitator?.id, url);
