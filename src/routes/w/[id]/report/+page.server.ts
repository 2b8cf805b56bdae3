import type { PageServerLoad } from './$types';
import { services } from '$server/services';
import { facilitatorsReport, reportReader, reportView } from '$lib/server/report-access';
import { roadmap } from '$lib/domain/report/roadmap';

/** The report as an accessible HTML page (the primary format), or its feuille de route. */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const s = services();
	const workshop = await reportReader(s, params.id, locals.facilitator?.id);
	const view = reportView(url);
	const report = await facilitatorsReport(s, workshop, locals.locale);
	return { view, report, archived: workshop.status === 'archived', roadmap: view === 'roadmap' ? roadmap(report.decisions, report.locale) : null };
};
