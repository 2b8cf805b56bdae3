import { CATEGORIES, type Category } from './categories.ts';
import { AGE_BANDS, GENDERS, type AgeBand, type ExpectedPanel, type Gender } from './panel.ts';

/** What representativeness needs to know of a participant (never a name). */
export interface PanelMember {
	category: Category;
	ageBand: AgeBand | null;
	gender: Gender | null;
}

/** One group: how many are here, how many were expected (null: no target), and the gap (here − expected). */
export interface GroupCount<K extends string> {
	key: K;
	count: number;
	target: number | null;
	gap: number | null;
}

export interface Representativeness {
	total: number;
	expectedTotal: number;
	categories: GroupCount<Category>[];
	/** Present only when the panel has age-band targets; `unknown` counts those who did not say. */
	ageBands: { groups: GroupCount<AgeBand>[]; unknown: number } | null;
	/** Present only when gender balance is asked: women and men each targeted at half of the answers. */
	gender: { groups: GroupCount<Gender>[]; unknown: number } | null;
	/** Groups still short of their target, largest shortfall first (what to recruit next). */
	shortfalls: Array<{ dimension: 'category' | 'ageBand' | 'gender'; key: string; missing: number }>;
}

function group<K extends string>(keys: readonly K[], values: readonly (K | null)[], targets: Partial<Record<K, number>>): GroupCount<K>[] {
	return keys.map((key) => {
		const count = values.filter((v) => v === key).length;
		const target = targets[key] ?? null;
		return { key, count, target, gap: target === null ? null : count - target };
	});
}

/**
 * Counts a panel against its target, by category, age band and gender. Pure and
 * deterministic: the facilitator's view and any export compute the same numbers.
 * Gender balance compares women and men among those who answered, so skipping the
 * question never counts as a shortfall.
 */
export function representativeness(members: readonly PanelMember[], panel: ExpectedPanel): Representativeness {
	const categories = group(CATEGORIES, members.map((m) => m.category), panel.categories);
	const expectedTotal = Object.values(panel.categories).reduce((a, b) => a + (b ?? 0), 0);

	const ageBands = panel.ageBands
		? { groups: group(AGE_BANDS, members.map((m) => m.ageBand), panel.ageBands), unknown: members.filter((m) => m.ageBand === null).length }
		: null;

	let gender: Representativeness['gender'] = null;
	if (panel.genderBalance) {
		const answered = members.filter((m) => m.gender === 'woman' || m.gender === 'man').length;
		const half = Math.ceil(answered / 2);
		const targets: Partial<Record<Gender, number>> = { woman: half, man: half };
		gender = { groups: group(GENDERS, members.map((m) => m.gender), targets), unknown: members.filter((m) => m.gender === null).length };
	}

	const shortfalls: Representativeness['shortfalls'] = [];
	const collect = (dimension: 'category' | 'ageBand' | 'gender', groups: readonly GroupCount<string>[]) => {
		for (const g of groups) if (g.gap !== null && g.gap < 0) shortfalls.push({ dimension, key: g.key, missing: -g.gap });
	};
	collect('category', categories);
	if (ageBands) collect('ageBand', ageBands.groups);
	if (gender) collect('gender', gender.groups);
	// Stable order: largest shortfall first, then by dimension and key as listed.
	const order = { category: 0, ageBand: 1, gender: 2 } as const;
	shortfalls.sort((a, b) => b.missing - a.missing || order[a.dimension] - order[b.dimension]);

	return { total: members.length, expectedTotal, categories, ageBands, gender, shortfalls };
}
