import type { PageServerLoad } from './$types';
import { services } from '$server/services';
import { facilitatedWorkshop } from '$lib/server/workshop-access';

/** The facilitator's board: only for facilitators of this workshop. */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const { workshop, facilitatorId, joinUrl } = await facilitatedWorkshop(services(), params.id, locals.facilitator?.id, url);
	return {
		workshop: { id: workshop.id, title: workshop.title, joinCode: workshop.joinCode },
		joinUrl,
		facilitatorId
	};
};
