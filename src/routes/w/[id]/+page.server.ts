import type { PageServerLoad } from './$types';
import { services } from '$server/services';
import { facilitatedWorkshop } from '$lib/server/workshop-access';
import { findSeries, seriesOfWorkshop } from '$server/db/repositories/series';
import type { TemplateLocale } from '$lib/domain/templates/schema';

/** The facilitator's board: only for facilitators of this workshop. */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const s = services();
	const { workshop, facilitatorId, joinUrl } = await facilitatedWorkshop(s, params.id, locals.facilitator?.id, url);
	// A later session of a series names the sessions it takes its notes from (and can re-import them).
	const place = await seriesOfWorkshop(s.db, workshop.id);
	const series = place ? await findSeries(s.db, place.seriesId) : null;
	const session = series?.template.sessions.find((x) => x.key === place?.sessionKey);
	const locale = (series?.locale ?? 'fr') as TemplateLocale;
	const carryFrom = (session?.importsFrom ?? []).flatMap((k) => series?.template.sessions.find((x) => x.key === k)?.title[locale] ?? []);
	return {
		workshop: { id: workshop.id, title: workshop.title, joinCode: workshop.joinCode },
		joinUrl,
		facilitatorId,
		carryFrom
	};
};
