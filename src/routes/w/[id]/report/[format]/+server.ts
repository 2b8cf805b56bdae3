import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { services } from '$server/services';
import { facilitatorsReport, reportReader, reportView } from '$lib/server/report-access';
import { reportPdf } from '$server/report/pdf';
import { reportMarkdown, roadmapMarkdown } from '$server/report/markdown';
import { decisionsCsv, notesCsv, roadmapCsv, tablesCsv, votesCsv } from '$server/report/csv';
import { reportFileBase } from '$server/report/labels';
import { roadmap } from '$lib/domain/report/roadmap';
import type { Report } from '$lib/domain/report/report';

type Body = string | Uint8Array<ArrayBuffer>;
interface Format {
	type: string;
	/** File name after the workshop's slug and date. */
	suffix: string;
	/** Formats with a feuille de route answer `?view=roadmap`; the others refuse it. */
	render(report: Report, view: 'report' | 'roadmap'): Body | Promise<Body>;
}

const CSV = 'text/csv; charset=utf-8';
const FORMATS: Record<string, Format> = {
	pdf: { type: 'application/pdf', suffix: '.pdf', render: (r, view) => reportPdf(r, r.locale, view) },
	md: { type: 'text/markdown; charset=utf-8', suffix: '.md', render: (r, view) => (view === 'roadmap' ? roadmapMarkdown(r) : reportMarkdown(r)) },
	json: {
		type: 'application/json; charset=utf-8',
		suffix: '.json',
		render: (r, view) =>
			JSON.stringify(view === 'roadmap' ? { schemaVersion: r.schemaVersion, generatedAt: r.generatedAt, locale: r.locale, workshop: r.workshop, roadmap: roadmap(r.decisions, r.locale) } : r, null, '\t')
	},
	'decisions.csv': { type: CSV, suffix: '-decisions.csv', render: (r, view) => (view === 'roadmap' ? roadmapCsv(r) : decisionsCsv(r)) },
	'votes.csv': { type: CSV, suffix: '-votes.csv', render: votesCsv },
	'notes.csv': { type: CSV, suffix: '-notes.csv', render: notesCsv },
	'tables.csv': { type: CSV, suffix: '-tables.csv', render: tablesCsv }
};
const WITH_ROADMAP = new Set(['pdf', 'md', 'json', 'decisions.csv']);

/** The report's files: facilitators of the workshop only (see facilitatorsReport). */
export const GET: RequestHandler = async ({ params, locals, url }) => {
	const s = services();
	const workshop = await reportReader(s, params.id, locals.facilitator?.id);
	const format = Object.hasOwn(FORMATS, params.format) ? FORMATS[params.format] : null;
	if (!format) error(404, { message: 'the report comes as pdf, md, json, decisions.csv, votes.csv, notes.csv or tables.csv', code: 'not_found' });
	const view = reportView(url);
	if (view === 'roadmap' && !WITH_ROADMAP.has(params.format))
		error(400, { message: 'the roadmap comes as pdf, md, json or decisions.csv', code: 'invalid_input' });
	const report = await facilitatorsReport(s, workshop, locals.locale);
	const body = await format.render(report, view);
	// An ASCII name (title slug and date) that every browser and mail client keeps.
	const name = `${reportFileBase(report, view)}${format.suffix}`;
	return new Response(body, {
		headers: {
			'content-type': format.type,
			'content-disposition': `${format.type === 'application/pdf' ? 'inline' : 'attachment'}; filename="${name}"`,
			'cache-control': 'private, no-store'
		}
	});
};
