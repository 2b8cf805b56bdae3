import type { Report } from '../../src/lib/domain/report/report.ts';
export { reportWords, type ReportWords } from '../../src/lib/i18n/report-words.ts';

/** An ASCII file name: the workshop's title slug and date, e.g. `atelier-accueil-2026-03-15`. */
export function reportFileBase(report: Report, kind: 'report' | 'roadmap'): string {
	const slug =
		report.workshop.title
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 60) || 'atelier';
	return `${slug}-${report.workshop.date}${kind === 'roadmap' ? '-roadmap' : ''}`;
}
