import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { Report, ReportDecision } from '../../src/lib/domain/report/report.ts';
import { roadmap } from '../../src/lib/domain/report/roadmap.ts';
import { reportWords, type ReportWords } from './labels.ts';

/**
 * The report as PDF, made with pdfkit and DejaVu Sans embedded: the standard PDF fonts know
 * no « guillemets » beyond Latin-1, no € in some readers and no Cyrillic, Greek or Arabic
 * names; DejaVu has them all and its text stays extractable (copy, search, screen readers).
 */
const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

type Doc = InstanceType<typeof PDFDocument>;

function heading(doc: Doc, text: string, level: 1 | 2 | 3): void {
	doc.moveDown(level === 1 ? 0 : 0.6);
	doc.font('bold').fontSize(level === 1 ? 18 : level === 2 ? 14 : 12).text(text);
	doc.font('regular').fontSize(10).moveDown(0.3);
}

const para = (doc: Doc, text: string) => doc.font('regular').fontSize(10).text(text).moveDown(0.3);

/** A table as lines, one per row: a reader of the extracted text still gets every header. */
function table(doc: Doc, w: ReportWords, caption: string, head: string[], rows: string[][]): void {
	doc.font('bold').fontSize(10).text(caption);
	doc.font('regular');
	for (const r of rows) doc.text(`• ${r[0]} — ${r.slice(1).map((cell, i) => `${head[i + 1]}${w.colon} ${cell}`).join(' ; ')}`, { indent: 8 });
	doc.moveDown(0.4);
}

function decision(doc: Doc, w: ReportWords, d: ReportDecision): void {
	const { t } = w;
	doc.font('bold').fontSize(11).text(d.title);
	doc.font('regular').fontSize(10);
	if (d.text) doc.text(d.text);
	doc.text(`${t('decisions.commits')}${w.colon} ${w.commits(d.commits)}`);
	doc.text(`${t('decisions.responsible')}${w.colon} ${d.responsible || '—'}`);
	doc.text(`${t('decisions.dueDate')}${w.colon} ${w.day(d.dueDate)} — ${t('decisions.answerBy')}${w.colon} ${w.day(d.answerBy)}`);
	doc.text(`${t('decisions.status')}${w.colon} ${t(`decisions.status.${d.status}`)}`).moveDown(0.5);
}

function fullReport(doc: Doc, report: Report, w: ReportWords): void {
	const { t } = w;
	const p = report.participation;
	heading(doc, t('report.title', { title: report.workshop.title }), 1);
	para(doc, t('report.generated', { date: w.day(report.generatedAt.slice(0, 10)) }));

	heading(doc, t('report.context'), 2);
	para(doc, `${t('report.question')}${w.colon} ${report.workshop.title}`);
	para(doc, `${t('report.date')}${w.colon} ${w.day(report.workshop.date)}`);
	para(doc, `${t('report.place')}${w.colon} ${report.workshop.place || t('report.placeUnsaid')}`);
	const owners = report.workshop.owners.map((o) => (o.organisation ? `${o.name} (${o.organisation})` : o.name)).join(', ');
	para(doc, `${t('report.owners')}${w.colon} ${owners || t('report.none')}`);
	para(doc, `${t('report.facilitators')}${w.colon} ${report.workshop.facilitators.join(', ') || t('report.none')}`);

	heading(doc, t('report.participation'), 2);
	para(doc, t('report.participation.total', { count: p.total }) + (p.expectedTotal === null ? '' : ` ${t('report.participation.planned', { count: p.expectedTotal })}`));
	const planned = (n: number | null) => (n === null ? '—' : String(n));
	const countHead = [t('report.col.group'), t('report.col.count'), t('report.col.expected')];
	table(doc, w, t('report.participation.byCategory'), countHead, p.byCategory.map((g) => [w.category(g.group), String(g.count), planned(g.expected)]));
	if (p.byAgeBand)
		table(doc, w, t('report.participation.byAgeBand'), countHead, [
			...p.byAgeBand.groups.map((g) => [t(`ageBand.${g.group}`), String(g.count), planned(g.expected)]),
			[t('report.participation.unanswered'), String(p.byAgeBand.unanswered), '—']
		]);
	if (p.byGender)
		table(doc, w, t('report.participation.byGender'), countHead.slice(0, 2), [
			...p.byGender.groups.map((g) => [t(`gender.${g.group}`), String(g.count)]),
			[t('report.participation.unanswered'), String(p.byGender.unanswered)]
		]);

	if (report.personas.length > 0) {
		heading(doc, t('report.personas'), 2);
		for (const persona of report.personas) {
			heading(doc, `${persona.name || '—'}${persona.age ? ` (${persona.age})` : ''}`, 3);
			if (persona.situation) para(doc, persona.situation);
			if (persona.quote) para(doc, report.locale === 'fr' ? `« ${persona.quote} »` : `“${persona.quote}”`);
			for (const c of persona.constraints) para(doc, `${t(`persona.field.${c.field}`)}${w.colon} ${c.text}`);
			for (const l of persona.lists) para(doc, `${t(`persona.list.${l.list}`)}${w.colon} ${l.items.join(' ; ')}`);
		}
	}

	heading(doc, t('report.clusters'), 2);
	const note = (n: Report['unclustered'][number]) =>
		`• ${n.text} — ${w.category(n.category)}${n.origin ? ` — ${t('report.note.origin', { title: n.origin.workshopTitle, session: n.origin.sessionKey })}` : ''}`;
	for (const c of report.clusters) {
		heading(doc, `${c.label || '—'} — ${t('report.notes.count', { count: c.notes.length })}`, 3);
		for (const n of c.notes) doc.text(note(n), { indent: 8 });
	}
	if (report.unclustered.length > 0) {
		heading(doc, t('report.unclustered'), 3);
		for (const n of report.unclustered) doc.text(note(n), { indent: 8 });
	}
	if (report.tables?.length) {
		heading(doc, t('report.tables'), 2);
		for (const table of report.tables) {
			heading(doc, table.name, 3);
			para(doc, t('report.tables.members', { members: table.byCategory.map((c) => `${c.count} ${w.category(c.category)}`).join(', ') || '—' }));
			if (table.contributions.length === 0) para(doc, t('report.tables.none'));
			for (const n of table.contributions) doc.text(note(n), { indent: 8 });
		}
	}

	if (report.positioning.length > 0) {
		heading(doc, t('report.positioning'), 2);
		for (const s of report.positioning)
			table(
				doc,
				w,
				t('report.positioning.caption', { left: s.leftPole, right: s.rightPole }),
				[t('report.col.category'), t('report.col.markers'), t('report.col.median'), t('report.col.min'), t('report.col.max')],
				s.spreads.map((x) => [w.category(x.category), String(x.count), String(x.median), String(x.min), String(x.max)])
			);
	}

	if (report.votes.length > 0) {
		heading(doc, t('report.votes'), 2);
		for (const v of report.votes) {
			para(doc, t('report.votes.summary', { voters: v.voters, dots: v.dots }));
			table(
				doc,
				w,
				t('report.votes.caption', { title: v.title }),
				[t('report.col.item'), t('report.col.total'), ...v.categories.map(w.category), t('report.col.parityRank'), t('report.col.parityShare'), t('report.col.consensus')],
				v.items.map((i) => [i.label || '—', String(i.total), ...i.dotsByCategory.map((c) => String(c.dots)), String(i.parityRank), w.percent(i.parityShare), w.percent(i.consensus)])
			);
		}
	}

	if (report.priorities.length > 0) {
		heading(doc, t('report.priorities'), 2);
		for (const pr of report.priorities)
			table(
				doc,
				w,
				t('report.priorities.caption', { title: pr.title }),
				[t('report.col.item'), t('report.col.confirmedRank'), t('report.col.desirability'), t('report.col.feasibility'), t('report.col.quadrant')],
				pr.items.map((i) => [
					i.label || '—',
					i.confirmedRank === null ? '—' : String(i.confirmedRank),
					i.median ? String(i.median.desirability) : '—',
					i.median ? String(i.median.feasibility) : '—',
					i.quadrant ? t(`priorities.quadrant.${i.quadrant}`) : '—'
				])
			);
	}

	heading(doc, t('report.decisions'), 2);
	if (report.decisions.length === 0) para(doc, t('decisions.empty'));
	for (const d of report.decisions) decision(doc, w, d);

	if (report.earlierSessions.length > 0) {
		heading(doc, t('report.earlier'), 2);
		para(doc, t('report.earlier.intro', { count: report.earlierSessions.length }));
		for (const s of report.earlierSessions) {
			heading(doc, t('report.earlier.session', { title: s.title, date: w.day(s.date) }), 3);
			para(doc, t('report.participation.total', { count: s.total }));
			table(doc, w, t('report.earlier.byCategory', { title: s.title }), [t('report.col.group'), t('report.col.count')], s.byCategory.map((g) => [w.category(g.group), String(g.count)]));
			for (const p of s.priorities) table(doc, w, t('report.earlier.priorities', { title: p.title }), [t('report.col.item'), t('report.col.confirmedRank')], p.items.map((item, i) => [item || '—', String(i + 1)]));
			if (s.decisions.length === 0) para(doc, t('report.earlier.noDecisions'));
			for (const d of s.decisions) decision(doc, w, d);
		}
	}
}

function roadmapReport(doc: Doc, report: Report, w: ReportWords): void {
	const { t } = w;
	heading(doc, t('report.roadmap.title', { title: report.workshop.title }), 1);
	para(doc, t('report.generated', { date: w.day(report.generatedAt.slice(0, 10)) }));
	para(doc, t('report.roadmap.intro'));
	for (const g of roadmap(report.decisions, report.locale)) {
		heading(doc, g.responsible || t('report.roadmap.unassigned'), 2);
		for (const d of g.decisions) decision(doc, w, d);
	}
}

/** The report (or, with `view: 'roadmap'`, its feuille de route) as an A4 PDF. */
export function reportPdf(report: Report, locale: 'fr' | 'en' = report.locale, view: 'report' | 'roadmap' = 'report'): Promise<Uint8Array<ArrayBuffer>> {
	const w = reportWords(locale);
	const title = w.t(view === 'roadmap' ? 'report.roadmap.title' : 'report.title', { title: report.workshop.title });
	const doc = new PDFDocument({ size: 'A4', margin: 56, lang: locale, displayTitle: true, info: { Title: title, Creator: 'Concerto' } });
	doc.registerFont('regular', FONT);
	doc.registerFont('bold', BOLD);
	doc.font('regular');
	const chunks: Buffer[] = [];
	const done = new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
		doc.on('data', (c: Buffer) => chunks.push(c));
		doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
		doc.on('error', reject);
	});
	if (view === 'roadmap') roadmapReport(doc, { ...report, locale }, w);
	else fullReport(doc, { ...report, locale }, w);
	doc.end();
	return done;
}
