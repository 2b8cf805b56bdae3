import type { ReportDecision } from './report.ts';

/** One responsible service and what it carries, for a steering committee (*feuille de route*). */
export interface RoadmapGroup {
	/** As written on the decisions, trimmed; '' gathers decisions with no responsible yet. */
	responsible: string;
	/** Earliest due date first, undated last, then in the workshop's order. */
	decisions: ReportDecision[];
}

/**
 * Groups the decisions the room kept (dropped ones are left out) by responsible service.
 * Services are matched case- and space-insensitively ("Service RH" and "service  rh" are one),
 * listed alphabetically, the unassigned group last.
 */
export function roadmap(decisions: readonly ReportDecision[], locale: string): RoadmapGroup[] {
	const key = (s: string) => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase(locale);
	const groups = new Map<string, RoadmapGroup>();
	for (const d of decisions) {
		if (d.status === 'dropped') continue;
		const k = key(d.responsible);
		const g = groups.get(k) ?? { responsible: d.responsible.trim().replace(/\s+/g, ' '), decisions: [] };
		g.decisions.push(d);
		groups.set(k, g);
	}
	const order = decisions.map((d) => d.id);
	for (const g of groups.values())
		g.decisions.sort((a, b) => (a.dueDate ?? '9999') .localeCompare(b.dueDate ?? '9999') || order.indexOf(a.id) - order.indexOf(b.id));
	return [...groups.entries()]
		.sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, locale)))
		.map(([, g]) => g);
}
