/** The colleges (collèges) a participant can belong to; configurable per workshop later. */
export const CATEGORIES = ['agent', 'usager', 'elu', 'expert', 'autre'] as const;
export type Category = (typeof CATEGORIES)[number];

export function isCategory(value: unknown): value is Category {
	return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

export const DISPLAY_NAME_MAX = 40;
export const WORKSHOP_TITLE_MAX = 120;
/** Where a workshop takes place (or "À distance"), as the report's context says it. */
export const WORKSHOP_PLACE_MAX = 200;

/** Trims and collapses white space; returns null when nothing printable is left or it is too long. */
export function cleanLabel(input: unknown, max: number): string | null {
	if (typeof input !== 'string') return null;
	const s = input.replace(/\s+/g, ' ').trim();
	if (s.length === 0 || s.length > max) return null;
	return s;
}
