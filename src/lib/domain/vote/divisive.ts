import type { Category } from '../workshop/categories.ts';

/**
 * The gap in smoothed support from which an item counts as divisive. Smoothed support is
 * (supporters + 1) ÷ (voters + 2), so two collèges of one person each who disagree differ by
 * exactly 1/3: the threshold sits just above, so one person against another is not called a
 * divide (with lone élus it would flag nearly every item), while two against two (3/4 vs 1/4),
 * or a lone élu for it against 50 agents who are not (2/3 vs 1/52), is.
 */
export const DIVISIVE_GAP = 0.35;

/** Who backs a divisive item and who does not, so the UI can say "les élus y tiennent, les usagers non". */
export interface Divide {
	backedBy: Category;
	/** Smoothed support of `backedBy`. */
	backing: number;
	notBackedBy: Category;
	/** Smoothed support of `notBackedBy`. */
	notBacking: number;
	gap: number;
}

// Differences of fractions land a hair off; a gap of exactly DIVISIVE_GAP must count.
const ROUNDING = 1e-9;

/**
 * The divide on one item: the collège with the highest smoothed support against the one with
 * the lowest, when the gap reaches DIVISIVE_GAP; null otherwise (and with fewer than two
 * collèges). Equal supports go to the collège listed first, so the answer is stable.
 */
export function divideOf(supports: readonly { category: Category; support: number }[]): Divide | null {
	if (supports.length < 2) return null;
	let high = supports[0];
	let low = supports[0];
	for (const s of supports) {
		if (s.support > high.support) high = s;
		if (s.support < low.support) low = s;
	}
	const gap = high.support - low.support;
	if (gap < DIVISIVE_GAP - ROUNDING) return null;
	return { backedBy: high.category, backing: high.support, notBackedBy: low.category, notBacking: low.support, gap };
}
