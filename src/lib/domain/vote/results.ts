/**
 * The results of a dot vote, computed the same on the server (report, exports) and in the
 * browser (projector, restitution). Three readings of the same dots:
 * - raw: every dot weighs the same, so a large collège outvotes a small one;
 * - parity: every collège weighs the same — an item's parity share is the mean over collèges of
 *   (the collège's dots on the item ÷ the collège's dots in all), so one élu's choice counts as
 *   much as fifty agents' choice;
 * - cross-collège consensus (after Pol.is' group-informed consensus): the product over collèges
 *   of (supporters + 1) ÷ (voters + 2), high only when every collège backs the item.
 *
 * Only collèges with at least one dot count in parity and consensus: a collège nobody voted in
 * has no shares to average, and an empty factor would only pull every item down alike.
 */
import type { Category } from '../workshop/categories.ts';
import { divideOf, type Divide } from './divisive.ts';
import { parityRanking, parityWeights, rawRanking } from './ranking.ts';
import { tally, type CollegeCount, type VoteInput } from './tally.ts';

export type { PaperDots, PaperVoters, PhoneVote, VoteInput } from './tally.ts';
export { DIVISIVE_GAP, type Divide } from './divisive.ts';

/** What one collège did on one item. */
export interface CollegeOnItem {
	category: Category;
	dots: number;
	phoneDots: number;
	paperDots: number;
	/** This collège's dots on the item ÷ its dots on all items. */
	share: number;
	/** Voters of the collège with ≥ 1 dot on the item; a paper dot counts as one, up to the paper voters. */
	supporters: number;
	/** (supporters + 1) ÷ (voters + 2): the collège's support, pulled towards ½ when it is small. */
	support: number;
}

export interface ItemResult {
	itemId: string;
	/** Phone and paper dots together. */
	total: number;
	phoneDots: number;
	paperDots: number;
	/** One entry per collège that voted, in the order of CATEGORIES, zeros included. */
	colleges: CollegeOnItem[];
	/** total ÷ all dots. */
	rawShare: number;
	/** Mean of the collèges' shares. */
	parityShare: number;
	/** Product of the collèges' supports, in (0, 1); 0 when nobody voted. */
	consensus: number;
	/** 1-based places in each ranking. */
	rawRank: number;
	parityRank: number;
	/** rawRank − parityRank: positive when the item climbs once every collège weighs the same. */
	rankShift: number;
	/** Set when collèges disagree by DIVISIVE_GAP or more of smoothed support. */
	divide: Divide | null;
}

/** A collège over the whole vote. `paperVotersInferred`: the paper count is a lower bound. */
export interface CollegeResult extends CollegeCount {
	/** Phone and paper voters. */
	voters: number;
	/** Phone and paper dots. */
	dots: number;
}

export interface VoteResults {
	/** Collèges with at least one dot, in the order of CATEGORIES. */
	categories: Category[];
	colleges: CollegeResult[];
	voters: number;
	dots: number;
	phoneDots: number;
	paperDots: number;
	/** Every listed item once, in parity order. */
	items: ItemResult[];
	/** Item ids by total dots, ties by id. */
	rawRanking: string[];
	/** Item ids by parity share, ties by total dots, then by id. */
	parityRanking: string[];
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

/**
 * Results of a dot vote from its stored rows. Deterministic and independent of the order of
 * rows and items. Rows on items not in `itemIds` are left out; see `tally`.
 */
export function voteResults(input: VoteInput): VoteResults {
	const counted = tally(input);
	const colleges: CollegeResult[] = counted.colleges.map((c) => ({
		...c,
		voters: c.phoneVoters + c.paperVoters,
		dots: c.phoneDots + c.paperDots
	}));
	const dots = colleges.reduce((s, c) => s + c.dots, 0);

	const unranked = counted.itemIds.map((itemId) => {
		const row = counted.cells.get(itemId)!;
		const onItem = colleges.map((c): CollegeOnItem => {
			const cell = row.get(c.category) ?? { phoneDots: 0, paperDots: 0, supporters: 0 };
			const d = cell.phoneDots + cell.paperDots;
			const support = (cell.supporters + 1) / (c.voters + 2);
			return { category: c.category, dots: d, phoneDots: cell.phoneDots, paperDots: cell.paperDots, share: ratio(d, c.dots), supporters: cell.supporters, support };
		});
		const total = onItem.reduce((s, c) => s + c.dots, 0);
		return {
			itemId,
			total,
			phoneDots: onItem.reduce((s, c) => s + c.phoneDots, 0),
			paperDots: onItem.reduce((s, c) => s + c.paperDots, 0),
			colleges: onItem,
			rawShare: ratio(total, dots),
			parityShare: ratio(onItem.reduce((s, c) => s + c.share, 0), onItem.length),
			consensus: onItem.length === 0 ? 0 : onItem.reduce((p, c) => p * c.support, 1),
			divide: divideOf(onItem)
		};
	});

	const raw = rawRanking(unranked);
	const parity = parityRanking(unranked, parityWeights(counted));
	const rawPlace = new Map(raw.map((id, i) => [id, i + 1]));
	const byId = new Map(unranked.map((r) => [r.itemId, r]));
	const items = parity.map((id, i): ItemResult => {
		const rawRank = rawPlace.get(id)!;
		return { ...byId.get(id)!, rawRank, parityRank: i + 1, rankShift: rawRank - (i + 1) };
	});

	return {
		categories: colleges.map((c) => c.category),
		colleges,
		voters: colleges.reduce((s, c) => s + c.voters, 0),
		dots,
		phoneDots: colleges.reduce((s, c) => s + c.phoneDots, 0),
		paperDots: colleges.reduce((s, c) => s + c.paperDots, 0),
		items,
		rawRanking: raw,
		parityRanking: parity
	};
}
