import type { Queryable } from '../db/db.ts';
import { findWorkshop } from '../db/repositories/workshops.ts';
import { buildReport } from '../report/build.ts';
import { reportPdf } from '../report/pdf.ts';
import type { ReportPdfMaker } from './mailer.ts';

/** The workshop's full report as PDF, in the workshop's language: what the owners' e-mail carries. */
export function workshopReportPdf(db: Queryable): ReportPdfMaker {
	return async (workshopId) => {
		const workshop = await findWorkshop(db, workshopId);
		const locale = workshop?.locale === 'en' ? 'en' : 'fr';
		return reportPdf(await buildReport(db, workshopId, locale), locale);
	};
}
