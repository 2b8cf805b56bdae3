import type { Phase, PhaseSettings } from '../agenda/phase.ts';
import type { Bilingual, Template, TemplateLocale, TemplatePhase, TemplateSession } from './schema.ts';
import { TEMPLATE_FORMAT, TEMPLATE_VERSION } from './schema.ts';
import { validateTemplate, type TemplateResult } from './validate.ts';

/**
 * The agenda of one session of a template, in the workshop's language. Phase ids are the
 * template's, so two workshops made from one template have the same agenda.
 */
export function agendaOf(session: TemplateSession, locale: TemplateLocale): Phase[] {
	return session.phases.map((p) => ({
		id: p.id,
		type: p.type,
		title: p.title[locale],
		minutes: p.minutes,
		instructions: p.instructions[locale],
		...(p.facilitatorNote?.[locale] ? { facilitatorNote: p.facilitatorNote[locale] } : {}),
		settings: localSettings(p.settings, locale)
	}));
}

function localSettings(s: TemplatePhase['settings'], locale: TemplateLocale): PhaseSettings {
	const out: PhaseSettings = {};
	if (s.silent !== undefined) out.silent = s.silent;
	if (s.anonymous !== undefined) out.anonymous = s.anonymous;
	if (s.categories) out.categories = [...s.categories];
	if (s.prompts) out.prompts = s.prompts.map((p) => p[locale]);
	if (s.dots !== undefined) out.dots = s.dots;
	if (s.maxDotsPerItem !== undefined) out.maxDotsPerItem = s.maxDotsPerItem;
	if (s.leftPole) out.leftPole = s.leftPole[locale];
	if (s.rightPole) out.rightPole = s.rightPole[locale];
	if (s.top !== undefined) out.top = s.top;
	if (s.placedBy !== undefined) out.placedBy = s.placedBy;
	if (s.question) out.question = s.question[locale];
	if (s.choices) out.choices = s.choices.map((c) => c[locale]);
	if (s.multiple !== undefined) out.multiple = s.multiple;
	if (s.liveResults !== undefined) out.liveResults = s.liveResults;
	return out;
}

const both = (s: string): Bilingual => ({ fr: s, en: s });
const PHASE_KEY = /^[a-z0-9][a-z0-9-]{0,39}$/;

/**
 * A one-session template from a workshop's agenda. The workshop holds its texts in one
 * language only, so both languages get that text; the facilitator can translate later.
 * Phase ids that are not valid template keys (or repeat) are renumbered.
 */
export function templateFromAgenda(input: { name: string; description?: string; phases: readonly Phase[] }): TemplateResult {
	const used = new Set<string>();
	const phases = input.phases.map((p, i) => {
		let id = PHASE_KEY.test(p.id) && !used.has(p.id) ? p.id : `sequence-${i + 1}`;
		while (used.has(id)) id = `${id}-${i + 1}`;
		used.add(id);
		const s = p.settings;
		const settings: Record<string, unknown> = {};
		if (s.silent !== undefined) settings.silent = s.silent;
		if (s.anonymous !== undefined) settings.anonymous = s.anonymous;
		if (s.categories?.length) settings.categories = [...s.categories];
		if (s.prompts?.length) settings.prompts = s.prompts.map(both);
		if (s.dots !== undefined) settings.dots = s.dots;
		if (s.maxDotsPerItem !== undefined) settings.maxDotsPerItem = s.maxDotsPerItem;
		if (s.leftPole) settings.leftPole = both(s.leftPole);
		if (s.rightPole) settings.rightPole = both(s.rightPole);
		if (s.top !== undefined) settings.top = s.top;
		if (s.placedBy !== undefined) settings.placedBy = s.placedBy;
		if (s.question) settings.question = both(s.question);
		if (s.choices?.length) settings.choices = s.choices.map(both);
		if (s.multiple !== undefined) settings.multiple = s.multiple;
		if (s.liveResults !== undefined) settings.liveResults = s.liveResults;
		const note = p.facilitatorNote ? { facilitatorNote: both(p.facilitatorNote) } : {};
		return { id, type: p.type, title: both(p.title), minutes: p.minutes, instructions: both(p.instructions), ...note, settings };
	});
	return validateTemplate({
		format: TEMPLATE_FORMAT,
		version: TEMPLATE_VERSION,
		name: both(input.name),
		description: both(input.description ?? ''),
		sessions: [{ key: 'atelier', title: both(input.name), phases }]
	});
}

/** True when the template is a series of linked workshops (e.g. vivre-ensemble). */
export function isSeries(t: Template): boolean {
	return t.sessions.length > 1;
}

/** Planned minutes of each session. */
export function sessionMinutes(t: Template): number[] {
	return t.sessions.map((s) => s.phases.reduce((sum, p) => sum + p.minutes, 0));
}
