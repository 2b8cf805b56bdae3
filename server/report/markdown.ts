import type { Report } from '../../src/lib/domain/report/report.ts';
import { roadmap } from '../../src/lib/domain/report/roadmap.ts';
import { reportWords, type ReportWords } from './labels.ts';

/** Text typed in the room is escaped so a `#` or a `|` in a note stays text, never markup. */
export function mdText(s: string): string {
	return s.replace(/\r?\n/g, ' ').replace(/([\\`*_[\]<>|#])/g, '\\$1');
}

function table(caption: string, head: string[], rows: string[][]): string[] {
	return [`**${mdText(caption)}**`, '', `| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`), ''];
}

function decisionsTable(w: ReportWords, caption: string, decisions: Report['decisions']): string[] {
	const { t } = w;
	return table(
		caption,
		[t('report.col.decision'), t('decisions.commits'), t('decisions.responsible'), t('decisions.dueDate'), t('decisions.answerBy'), t('decisions.status')],
		decisions.map((d) => [
			mdText(d.title) + (d.text ? ` — ${mdText(d.text)}` : ''),
			w.commits(d.commits),
			mdText(d.responsible) || '—',
			w.day(d.dueDate),
			w.day(d.answerBy),
			t(`decisions.status.${d.status}`)
		])
	);
}

/** The full report as Markdown, in the report's language. */
export function reportMarkdown(report: Report): string {
	const w = reportWords(report.locale);
	const { t } = w;
	const p = report.participation;
	const out: string[] = [`# ${mdText(t('report.title', { title: report.workshop.title }))}`, '', t('report.generated', { date: w.day(report.generatedAt.slice(0, 10)) }), ''];

	out.push(`## ${t('report.context')}`, '');
	const colon = w.colon;
	out.push(`- ${t('report.question')}${colon} ${mdText(report.workshop.title)}`);
	out.push(`- ${t('report.date')}${colon} ${w.day(report.workshop.date)}`);
	out.push(`- ${t('report.place')}${colon} ${report.workshop.place ? mdText(report.workshop.place) : t('report.placeUnsaid')}`);
	const owners = report.workshop.owners.map((o) => mdText(o.organisation ? `${o.name} (${o.organisation})` : o.name)).join(', ');
	out.push(`- ${t('report.owners')}${colon} ${owners || t('report.none')}`);
	out.push(`- ${t('report.facilitators')}${colon} ${report.workshop.facilitators.map(mdText).join(', ') || t('report.none')}`, '');

	out.push(`## ${t('report.participation')}`, '', t('report.participation.total', { count: p.total }));
	if (p.expectedTotal !== null) out.push(t('report.participation.planned', { count: p.expectedTotal }));
	out.push(t('report.participation.privacy'), '');
	const expected = (n: number | null) => (n === null ? '—' : String(n));
	out.push(...table(t('report.participation.byCategory'), [t('report.col.group'), t('report.col.count'), t('report.col.expected')], p.byCategory.map((g) => [w.category(g.group), String(g.count), expected(g.expected)])));
	if (p.byAgeBand)
		out.push(
			...table(t('report.participation.byAgeBand'), [t('report.col.group'), t('report.col.count'), t('report.col.expected')], [
				...p.byAgeBand.groups.map((g) => [t(`ageBand.${g.group}`), String(g.count), expected(g.expected)]),
				[t('report.participation.unanswered'), String(p.byAgeBand.unanswered), '—']
			])
		);
	if (p.byGender)
		out.push(
			...table(t('report.participation.byGender'), [t('report.col.group'), t('report.col.count')], [
				...p.byGender.groups.map((g) => [t(`gender.${g.group}`), String(g.count)]),
				[t('report.participation.unanswered'), String(p.byGender.unanswered)]
			])
		);

	if (report.personas.length > 0) {
		out.push(`## ${t('report.personas')}`, '');
		for (const persona of report.personas) {
			out.push(`### ${mdText(persona.name || '—')}${persona.age ? ` (${mdText(persona.age)})` : ''}`, '');
			if (persona.situation) out.push(mdText(persona.situation), '');
			if (persona.quote) out.push(`> ${mdText(persona.quote)}`, '');
			for (const c of persona.constraints) out.push(`- ${t(`persona.field.${c.field}`)}${colon} ${mdText(c.text)}`);
			for (const l of persona.lists) out.push(`- ${t(`persona.list.${l.list}`)}${colon} ${l.items.map(mdText).join(' ; ')}`);
			out.push('');
		}
	}

	out.push(`## ${t('report.clusters')}`, '');
	const note = (n: Report['unclustered'][number]) =>
		`- ${mdText(n.text)} — ${w.category(n.category)}${n.origin ? ` — ${mdText(t('report.note.origin', { title: n.origin.workshopTitle, session: n.origin.sessionKey }))}` : ''}`;
	for (const c of report.clusters) out.push(`### ${mdText(c.label || '—')}`, '', t('report.notes.count', { count: c.notes.length }), '', ...c.notes.map(note), '');
	if (report.unclustered.length > 0) out.push(`### ${t('report.unclustered')}`, '', ...report.unclustered.map(note), '');
	if (report.tables?.length) {
		out.push(`## ${t('report.tables')}`, '');
		for (const table of report.tables) {
			const members = table.byCategory.map((c) => `${c.count} ${w.category(c.category)}`).join(', ') || '—';
			out.push(`### ${mdText(table.name)}`, '', t('report.tables.members', { members }), '');
			out.push(...(table.contributions.length ? table.contributions.map(note) : [t('report.tables.none')]), '');
		}
	}

	if (report.positioning.length > 0) {
		out.push(`## ${t('report.positioning')}`, '');
		for (const s of report.positioning)
			out.push(
				...table(
					t('report.positioning.caption', { left: s.leftPole, right: s.rightPole }),
					[t('report.col.category'), t('report.col.markers'), t('report.col.median'), t('report.col.min'), t('report.col.max')],
					s.spreads.map((x) => [w.category(x.category), String(x.count), String(x.median), String(x.min), String(x.max)])
				)
			);
	}

	if (report.votes.length > 0) {
		out.push(`## ${t('report.votes')}`, '');
		for (const v of report.votes) {
			out.push(t('report.votes.summary', { voters: v.voters, dots: v.dots }), '');
			out.push(
				...table(
					t('report.votes.caption', { title: v.title }),
					[t('report.col.item'), t('report.col.total'), ...v.categories.map(w.category), t('report.col.rawRank'), t('report.col.parityRank'), t('report.col.parityShare'), t('report.col.consensus'), t('report.col.divided')],
					v.items.map((i) => [
						mdText(i.label || '—'),
						String(i.total),
						...i.dotsByCategory.map((c) => String(c.dots)),
						String(i.rawRank),
						String(i.parityRank),
						w.percent(i.parityShare),
						w.percent(i.consensus),
						i.divided ? t('report.yes') : t('report.no')
					])
				)
			);
		}
	}

	if (report.priorities.length > 0) {
		out.push(`## ${t('report.priorities')}`, '');
		for (const pr of report.priorities)
			out.push(
				...table(
					t('report.priorities.caption', { title: pr.title }),
					[t('report.col.item'), t('report.col.confirmedRank'), t('report.col.placers'), t('report.col.desirability'), t('report.col.feasibility'), t('report.col.quadrant')],
					pr.items.map((i) => [
						mdText(i.label || '—'),
						i.confirmedRank === null ? '—' : String(i.confirmedRank),
						String(i.placers),
						i.median ? String(i.median.desirability) : '—',
						i.median ? String(i.median.feasibility) : '—',
						i.quadrant ? t(`priorities.quadrant.${i.quadrant}`) : '—'
					])
				)
			);
	}

	out.push(`## ${t('report.decisions')}`, '');
	if (report.decisions.length === 0) out.push(t('decisions.empty'), '');
	else out.push(...decisionsTable(w, t('report.decisions.caption'), report.decisions));

	if (report.earlierSessions.length > 0) {
		out.push(`## ${t('report.earlier')}`, '', t('report.earlier.intro', { count: report.earlierSessions.length }), '');
		for (const s of report.earlierSessions) {
			out.push(`### ${mdText(t('report.earlier.session', { title: s.title, date: w.day(s.date) }))}`, '', t('report.participation.total', { count: s.total }), '');
			out.push(...table(t('report.earlier.byCategory', { title: s.title }), [t('report.col.group'), t('report.col.count')], s.byCategory.map((g) => [w.category(g.group), String(g.count)])));
			for (const p of s.priorities) out.push(`**${mdText(t('report.earlier.priorities', { title: p.title }))}**`, '', ...p.items.map((item, i) => `${i + 1}. ${mdText(item) || '—'}`), '');
			if (s.decisions.length === 0) out.push(t('report.earlier.noDecisions'), '');
			else out.push(...decisionsTable(w, t('report.earlier.decisions', { title: s.title }), s.decisions));
		}
	}
	return out.join('\n');
}

/** The feuille de route as Markdown: the kept decisions by responsible service. */
export function roadmapMarkdown(report: Report): string {
	const w = reportWords(report.locale);
	const { t } = w;
	const out: string[] = [`# ${mdText(t('report.roadmap.title', { title: report.workshop.title }))}`, '', t('report.generated', { date: w.day(report.generatedAt.slice(0, 10)) }), '', t('report.roadmap.intro'), ''];
	for (const g of roadmap(report.decisions, report.locale)) {
		const service = g.responsible || t('report.roadmap.unassigned');
		out.push(`## ${mdText(service)}`, '', ...decisionsTable(w, t('report.roadmap.caption', { service }), g.decisions));
	}
	if (report.decisions.length === 0) out.push(t('decisions.empty'), '');
	return out.join('\n');
}
