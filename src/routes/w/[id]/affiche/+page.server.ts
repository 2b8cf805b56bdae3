import type { PageServerLoad } from './$types';
import { services } from '$server/services';
import { facilitatedWorkshop } from '$lib/server/workshop-access';
import { readAffiche } from '$server/db/repositories/affiches';
import { readDecisions } from '$server/db/repositories/decisions';
import { draftFromDecisions } from '$lib/domain/affiche/affiche';

/** The facilitator's affiche: the stored one, or a first draft from the confirmed decisions. */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const s = services();
	const { workshop } = await facilitatedWorkshop(s, params.id, locals.facilitator?.id, url);
	const stored = await readAffiche(s.db, workshop.id);
	return {
		workshop: { id: workshop.id, title: workshop.title },
		initial: stored?.content ?? draftFromDecisions(workshop.title, await readDecisions(s.db, workshop.id))
	};
};
