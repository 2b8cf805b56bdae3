import type { Phase, PhaseType } from './phase.ts';
import type { PhaseSettings } from '../phases/settings.ts';
import { kindOf } from '../phases/registry.ts';
import { schemaProblems, type TemplateProblem } from '../templates/validate.ts';
import { phaseSchema } from './phase-schema.ts';

/**
 * A phase as the phase form edits it: every text by language. A template's phase is one with
 * `fr` and `en`; a workshop's phase is one with its single language. One form, one shape, so
 * the agenda and the template editor share the same fields.
 */
export type Texts = Record<string, string>;

/** The settings whose value is a text (or a list of texts) shown to the room. */
export const TEXT_SETTINGS = ['leftPole', 'rightPole', 'question'] as const;
export const LIST_SETTINGS = ['prompts', 'choices'] as const;
type TextSetting = (typeof TEXT_SETTINGS)[number];
type ListSetting = (typeof LIST_SETTINGS)[number];

export type LocalizedSettings = Omit<PhaseSettings, TextSetting | ListSetting> & Partial<Record<TextSetting, Texts> & Record<ListSetting, Texts[]>>;

export interface LocalizedPhase {
	id: string;
	type: PhaseType;
	title: Texts;
	minutes: number;
	instructions: Texts;
	facilitatorNote?: Texts;
	settings: LocalizedSettings;
}

const isText = (k: string): k is TextSetting => (TEXT_SETTINGS as readonly string[]).includes(k);
const isList = (k: string): k is ListSetting => (LIST_SETTINGS as readonly string[]).includes(k);

/** A workshop's phase in the form's shape, its texts under `lang`. */
export function localize(phase: Phase, lang: string): LocalizedPhase {
	const one = (s: string): Texts => ({ [lang]: s });
	const settings: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(phase.settings)) {
		if (v === undefined) continue;
		settings[k] = isText(k) ? one(v as string) : isList(k) ? (v as string[]).map(one) : v;
	}
	return {
		id: phase.id,
		type: phase.type,
		title: one(phase.title),
		minutes: phase.minutes,
		instructions: one(phase.instructions),
		facilitatorNote: one(phase.facilitatorNote ?? ''),
		settings: settings as LocalizedSettings
	};
}

/**
 * Back to a workshop's phase. The note is always given (empty clears it): the agenda keeps a
 * stored note only when a save leaves it out.
 */
export function delocalize(draft: LocalizedPhase, lang: string): Phase {
	const pick = (t: Texts | undefined) => t?.[lang] ?? '';
	const settings: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(draft.settings)) {
		if (v === undefined) continue;
		settings[k] = isText(k) ? pick(v as Texts) : isList(k) ? (v as Texts[]).map(pick) : v;
	}
	return {
		id: draft.id,
		type: draft.type,
		title: pick(draft.title),
		minutes: draft.minutes,
		instructions: pick(draft.instructions),
		facilitatorNote: pick(draft.facilitatorNote),
		settings: settings as PhaseSettings
	};
}

/** A new kind keeps only the settings that kind takes (a vote's dots do not follow it into an ideation). */
export function withKind(draft: LocalizedPhase, type: PhaseType): LocalizedPhase {
	const accepted: readonly string[] = kindOf(type).settings;
	const settings = Object.fromEntries(Object.entries(draft.settings).filter(([k]) => accepted.includes(k)));
	return { ...draft, type, settings };
}

/** Sets one setting; `undefined` (or the kind's default given as `dflt`) removes it, so files stay short. */
export function withSetting<K extends keyof LocalizedSettings>(draft: LocalizedPhase, key: K, value: LocalizedSettings[K] | undefined, dflt?: LocalizedSettings[K]): LocalizedPhase {
	const settings: Record<string, unknown> = { ...draft.settings };
	if (value === undefined || value === dflt) delete settings[key];
	else settings[key] = value;
	return { ...draft, settings: settings as LocalizedSettings };
}

/** A text setting from the form: blank in every language is no setting. */
export function textsOrNone(texts: Texts): Texts | undefined {
	return Object.values(texts).every((s) => s.trim() === '') ? undefined : texts;
}

/**
 * A list setting edited one line per item, language by language: line i of every language is
 * item i. Blank lines are dropped; an empty list is no setting.
 */
export function withListLines(items: readonly Texts[] | undefined, lang: string, text: string, langs: readonly string[]): Texts[] | undefined {
	const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
	const filled = (l: string) => (items ?? []).reduce((n, x, i) => ((x[l] ?? '') !== '' ? i + 1 : n), 0);
	const count = Math.max(lines.length, ...langs.filter((l) => l !== lang).map(filled));
	const next = Array.from({ length: count }, (_, i) => ({ ...Object.fromEntries(langs.map((l) => [l, ''])), ...(items?.[i] ?? {}), [lang]: lines[i] ?? '' }));
	return next.every((x) => Object.values(x).every((s) => s === '')) ? undefined : next;
}

/** The lines of a list setting in one language. */
export function listLines(items: readonly Texts[] | undefined, lang: string): string {
	return (items ?? []).map((x) => x[lang] ?? '').join('\n');
}

/** Problems of one workshop phase, checked by the schema the server checks agenda.save with. */
export function phaseProblems(phase: Phase): TemplateProblem[] {
	return schemaProblems(phaseSchema, phase);
}
