import { CATEGORIES, type Category } from '../workshop/categories.ts';

/** One voter's dots on one item, as stored (one row per voter × item, dots > 0). */
export interface PhoneVote {
	voterId: string;
	category: Category;
	itemId: string;
	dots: number;
}

/**
 * Dots counted on the wall for people without a phone, typed by the facilitator per item and
 * collège. Kept apart from phone votes: counted in every result and shown as paper.
 */
export interface PaperDots {
	itemId: string;
	category: Category;
	dots: number;
}

/** How many people voted on paper, per collège, when the facilitator says so. */
export type PaperVoters = Partial<Record<Category, number>>;

export interface VoteInput {
	/** Every item of the vote (clusters or notes); items without a dot still get a result. */
	itemIds: readonly string[];
	phoneVotes: readonly PhoneVote[];
	paperDots?: readonly PaperDots[];
	paperVoters?: PaperVoters;
}

/** What one collège did on one item. */
export interface CellCount {
	phoneDots: number;
	paperDots: number;
	/** Voters of the collège with at least one dot on the item (paper dots counted as people). */
	supporters: number;
}

/** What one collège did over the whole vote. */
export interface CollegeCount {
	category: Category;
	phoneVoters: number;
	paperVoters: number;
	/** True when `paperVoters` was not given but inferred from the dots (a lower bound). */
	paperVotersInferred: boolean;
	phoneDots: number;
	paperDots: number;
}

export interface Tally {
	itemIds: string[];
	/** Collèges with at least one dot, in the order of CATEGORIES. */
	colleges: CollegeCount[];
	/** cells.get(itemId).get(category); a collège absent from an item's map put nothing on it. */
	cells: Map<string, Map<Category, CellCount>>;
}

// Whole dots only: the parity ranking compares exact fractions of them.
const keep = (n: number) => Number.isSafeInteger(n) && n > 0;

function addTo<K>(sets: Map<K, Set<string>>, key: K, value: string) {
	const set = sets.get(key);
	if (set) set.add(value);
	else sets.set(key, new Set([value]));
}

/**
 * Counts dots and supporters per item and collège. Rows on an item that is not in the list
 * (a note deleted after the vote) and rows with no dot are left out everywhere, voters
 * included, so what was removed weighs on nothing. Repeated rows add up, so the order and
 * the splitting of rows never change the result.
 */
export function tally(input: VoteInput): Tally {
	const itemIds = [...new Set(input.itemIds)].sort();
	const listed = new Set(itemIds);
	const cells = new Map(itemIds.map((id) => [id, new Map<Category, CellCount>()]));
	const cell = (itemId: string, c: Category) => {
		const row = cells.get(itemId)!;
		let found = row.get(c);
		if (!found) row.set(c, (found = { phoneDots: 0, paperDots: 0, supporters: 0 }));
		return found;
	};

	const phoneVoters = new Map<Category, Set<string>>();
	const phoneSupporters = new Map<string, Set<string>>();
	for (const v of input.phoneVotes) {
		if (!listed.has(v.itemId) || !keep(v.dots)) continue;
		cell(v.itemId, v.category).phoneDots += v.dots;
		addTo(phoneVoters, v.category, v.voterId);
		// Distinct ids, not rows: a voter with several rows on one item is one supporter.
		addTo(phoneSupporters, `${v.itemId}\u0000${v.category}`, v.voterId);
	}
	for (const p of input.paperDots ?? []) {
		if (listed.has(p.itemId) && keep(p.dots)) cell(p.itemId, p.category).paperDots += p.dots;
	}

	const colleges: CollegeCount[] = [];
	for (const category of CATEGORIES) {
		let phoneDots = 0;
		let paperDots = 0;
		let mostPaperOnOne = 0;
		for (const row of cells.values()) {
			const c = row.get(category);
			if (!c) continue;
			phoneDots += c.phoneDots;
			paperDots += c.paperDots;
			mostPaperOnOne = Math.max(mostPaperOnOne, c.paperDots);
		}
		if (phoneDots + paperDots === 0) continue;
		const paper = paperVotersOf(input.paperVoters?.[category], paperDots, mostPaperOnOne);
		colleges.push({ category, phoneVoters: phoneVoters.get(category)?.size ?? 0, phoneDots, paperDots, ...paper });
	}

	const paperCap = new Map(colleges.map((c) => [c.category, c.paperVoters]));
	for (const [itemId, row] of cells) {
		for (const [category, c] of row) {
			// On the wall, two dots of one person look like one dot each of two people: a paper
			// dot counts as one supporter, but never more supporters than there were voters.
			const paper = Math.min(c.paperDots, paperCap.get(category)!);
			c.supporters = (phoneSupporters.get(`${itemId}\u0000${category}`)?.size ?? 0) + paper;
		}
	}
	return { itemIds, colleges, cells };
}

/**
 * The paper voters of a collège: the facilitator's count when given, else the most paper dots
 * the collège put on one item — at least that many people must have voted, and it is all we
 * can know. A given count below 1 while paper dots exist is contradictory; someone put them.
 */
function paperVotersOf(given: number | undefined, paperDots: number, mostOnOne: number) {
	if (paperDots === 0) return { paperVoters: Math.max(0, Math.floor(given ?? 0)), paperVotersInferred: false };
	if (given === undefined || !Number.isFinite(given)) return { paperVoters: mostOnOne, paperVotersInferred: true };
	return { paperVoters: Math.max(1, Math.floor(given)), paperVotersInferred: false };
}
