import type { PageServerLoad } from './$types';
import { services } from '$server/services';
import { readableAffiche } from '$lib/server/affiche-access';

/** The poster to print (A4, or A3 with ?size=A3): public once published, facilitators' before. */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const { affiche, title } = await readableAffiche(services(), params.id, locals.facilitator?.id);
	return { affiche, title, size: url.searchParams.get('size') === 'A3' ? ('A3' as const) : ('A4' as const) };
};
