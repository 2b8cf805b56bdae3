import type { Tally } from './tally.ts';

export interface Rankable {
	itemId: string;
	total: number;
}

const byTotalThenId = (a: Rankable, b: Rankable) => b.total - a.total || (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0);

/** Item ids by total dots, ties by id (code-unit order, the same on every machine and locale). */
export function rawRanking(items: readonly Rankable[]): string[] {
	return [...items].sort(byTotalThenId).map((i) => i.itemId);
}

/**
 * Each item's parity share as an exact integer numerator over a common denominator:
 * Σ over collèges of (dots on the item × product of the other collèges' totals). Floating-point
 * shares summed in another order can differ in the last bit, which would break real ties
 * arbitrarily; whole numbers compare exactly.
 */
export function parityWeights(tally: Tally): Map<string, bigint> {
	const totals = new Map(tally.colleges.map((c) => [c.category, BigInt(c.phoneDots + c.paperDots)]));
	const common = [...totals.values()].reduce((p, t) => p * t, 1n);
	const weights = new Map<string, bigint>();
	for (const [itemId, row] of tally.cells) {
		let w = 0n;
		for (const [category, cell] of row) w += BigInt(cell.phoneDots + cell.paperDots) * (common / totals.get(category)!);
		weights.set(itemId, w);
	}
	return weights;
}

/** Item ids by parity share, ties by total dots, then by id. */
export function parityRanking(items: readonly Rankable[], weights: ReadonlyMap<string, bigint>): string[] {
	return [...items]
		.sort((a, b) => {
			const [wa, wb] = [weights.get(a.itemId)!, weights.get(b.itemId)!];
			return wa > wb ? -1 : wa < wb ? 1 : byTotalThenId(a, b);
		})
		.map((i) => i.itemId);
}
