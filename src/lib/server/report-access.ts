import { error } from '@sveltejs/kit';
import type { Services } from '$server/services';
import { isFacilitatorOf, type Workshop } from '$server/db/repositories/workshops';
import { buildReport } from '$server/report/build';
import { readArchivedReport } from '$server/db/repositories/archives';
import type { Report } from '$lib/domain/report/report';
import { isLocale, type Locale } from '$lib/i18n';
import { workshopOr404 } from './workshop-access';

/**
 * The report of a workshop, for its facilitators only. Unlike the board's pages, nobody is
 * sent to the sign-in page: the report's files are fetched by links and scripts, which need
 * a plain 401 (not signed in as a facilitator) or 403 (not one of this workshop's), and
 * nothing of the workshop. A participant or an observer has no facilitator session: 401.
 */
export async function reportReader(s: Services, id: string, facilitatorId: string | undefined): Promise<Workshop> {
	const workshop = await workshopOr404(s, id);
	if (!facilitatorId) error(401, { message: 'sign in as a facilitator of this workshop to read its report', code: 'report_unauthenticated' });
	if (!(await isFacilitatorOf(s.db, workshop.id, facilitatorId)))
		error(403, { message: 'not a facilitator of this workshop', code: 'workshop_forbidden' });
	return workshop;
}

/** The report, once {@link reportReader} let the reader in: an archived workshop's is the one it was made from. */
export async function facilitatorsReport(s: Services, workshop: Workshop, requestLocale: Locale): Promise<Report> {
	if (workshop.status === 'archived') {
		const archived = await readArchivedReport(s.db, workshop.id);
		if (archived) return archived;
	}
	// The report speaks the workshop's language (its texts are in it), whoever opens it.
	return buildReport(s.db, workshop.id, isLocale(workshop.locale) ? workshop.locale : requestLocale);
}

/** `?view=roadmap` gives the feuille de route; no view the report; anything else is a mistake. */
export function reportView(url: URL): 'report' | 'roadmap' {
	const view = url.searchParams.get('view');
	if (view === null || view === 'report') return 'report';
	if (view === 'roadmap') return 'roadmap';
	error(400, { message: 'view is "report" or "roadmap"', code: 'invalid_input' });
}
