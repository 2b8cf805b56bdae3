import { CATEGORIES, type Category } from './categories.ts';

/**
 * What a participant may tell about themselves, only when the facilitator asked for it.
 * Bands are wide on purpose: with a few dozen people, narrow bands would identify them.
 */
export const AGE_BANDS = ['under-25', '25-39', '40-59', '60-74', '75-plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Gender, when asked; skipping the question (stored as null) is always possible. */
export const GENDERS = ['woman', 'man', 'other'] as const;
export type Gender = (typeof GENDERS)[number];

export const isAgeBand = (v: unknown): v is AgeBand => typeof v === 'string' && (AGE_BANDS as readonly string[]).includes(v);
export const isGender = (v: unknown): v is Gender => typeof v === 'string' && (GENDERS as readonly string[]).includes(v);

/** The panel a facilitator expects: how many of each category, optionally by age band, and whether women and men should be balanced. */
export interface ExpectedPanel {
	categories: Partial<Record<Category, number>>;
	ageBands?: Partial<Record<AgeBand, number>>;
	genderBalance?: boolean;
}

/** Largest target for one group: a workshop room holds at most a few hundred people. */
export const PANEL_TARGET_MAX = 500;

function counts<K extends string>(keys: readonly K[], raw: unknown): Partial<Record<K, number>> {
	const out: Partial<Record<K, number>> = {};
	if (typeof raw !== 'object' || raw === null) return out;
	for (const k of keys) {
		const v = (raw as Record<string, unknown>)[k];
		if (typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= PANEL_TARGET_MAX) out[k] = v;
	}
	return out;
}

/**
 * Reads an expected panel from stored JSON or a form, keeping only known groups with whole
 * positive targets: a bad value is dropped, never an error that would hide the rest.
 */
export function parseExpectedPanel(raw: unknown): ExpectedPanel {
	const o = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
	const panel: ExpectedPanel = { categories: counts(CATEGORIES, o.categories) };
	const ageBands = counts(AGE_BANDS, o.ageBands);
	if (Object.keys(ageBands).length > 0) panel.ageBands = ageBands;
	if (o.genderBalance === true) panel.genderBalance = true;
	return panel;
}

/** Join settings of a workshop, as the facilitator set them. */
export interface JoinSettings {
	open: boolean;
	askAgeBand: boolean;
	askGender: boolean;
	expectedPanel: ExpectedPanel;
}

export const DEFAULT_JOIN_SETTINGS: JoinSettings = { open: true, askAgeBand: false, askGender: false, expectedPanel: { categories: {} } };
