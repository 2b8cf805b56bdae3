import { CATEGORIES, type Category } from '../workshop/categories.ts';
import { median } from '../stats/median.ts';

/**
 * Priorities (issue 10): the top items of the last revealed vote, each placed on a
 * desirability × feasibility matrix (désirabilité × faisabilité), 0 to 100 on both axes, by
 * every participant from their phone or by the facilitator alone. Pure: the server pushes
 * these readings and the screens draw them.
 */

export const PLACEMENT_MIN = 0;
export const PLACEMENT_MAX = 100;
/** Half-way: at or above it an item counts as desirable (or feasible). */
export const MATRIX_MIDDLE = 50;

/** Who places: a participant's collège, or the facilitator placing for the room. */
export type Placer = Category | 'facilitator';
/** The groups a matrix reads, in display order. */
export const PLACERS: readonly Placer[] = [...CATEGORIES, 'facilitator'];

/** Where one person put one item. */
export interface Placement {
	placerId: string;
	category: Placer;
	itemId: string;
	desirability: number;
	feasibility: number;
}

export interface MatrixPoint {
	desirability: number;
	feasibility: number;
}

/** One group's median placement of an item. */
export interface GroupMedian extends MatrixPoint {
	category: Placer;
	placers: number;
}

/** An item on the matrix: its median placement overall (null until someone places it), and by collège. */
export interface ItemMedian {
	itemId: string;
	placers: number;
	overall: MatrixPoint | null;
	/** One entry per group that placed the item, in the order of PLACERS. */
	byCategory: GroupMedian[];
}

function medianOf(placements: readonly Placement[]): MatrixPoint | null {
	const d = median(placements.map((p) => p.desirability));
	const f = median(placements.map((p) => p.feasibility));
	return d === null || f === null ? null : { desirability: d, feasibility: f };
}

/**
 * Each listed item's median placement, overall and by collège, in the order of `itemIds`.
 * Each axis takes its own median (the point may be nobody's placement). Placements on items
 * not listed are left out; independent of the order of placements.
 */
export function placementMedians(itemIds: readonly string[], placements: readonly Placement[]): ItemMedian[] {
	return itemIds.map((itemId) => {
		const on = placements.filter((p) => p.itemId === itemId);
		const byCategory: GroupMedian[] = [];
		for (const category of PLACERS) {
			const point = medianOf(on.filter((p) => p.category === category));
			if (point) byCategory.push({ category, placers: on.filter((p) => p.category === category).length, ...point });
		}
		return { itemId, placers: on.length, overall: medianOf(on), byCategory };
	});
}

/** How many different people placed at least one item. */
export function countPlacers(placements: readonly Placement[]): number {
	return new Set(placements.map((p) => p.placerId)).size;
}

/**
 * The four quadrants: `first` desirable and feasible (à faire d'abord), `prepare` desirable
 * but hard (à préparer), `easy` feasible but little wanted (si le temps le permet), `later`
 * neither (à écarter pour l'instant). The middle counts as high.
 */
export type Quadrant = 'first' | 'prepare' | 'easy' | 'later';
export const QUADRANTS: readonly Quadrant[] = ['first', 'prepare', 'easy', 'later'];

export function quadrantOf(point: MatrixPoint): Quadrant {
	const desirable = point.desirability >= MATRIX_MIDDLE;
	const feasible = point.feasibility >= MATRIX_MIDDLE;
	return desirable ? (feasible ? 'first' : 'prepare') : feasible ? 'easy' : 'later';
}

/** Default and bounds of the `top` setting: how many of the vote's items go onto the matrix. */
export const PRIORITIES_TOP_DEFAULT = 5;
export const PRIORITIES_TOP_MAX = 12;

/** Who places the items on the matrix (the `placedBy` setting). */
export const PLACED_BY = ['participants', 'facilitator'] as const;

/** An item to place: its id and its label on the board. */
export interface PriorityItem {
	id: string;
	label: string;
}

/**
 * The items to place: the first `top` of the vote's parity ranking that got at least one dot
 * (an item nobody voted for is no priority), with their labels.
 */
export function priorityItems(
	results: { parityRanking: readonly string[]; items: readonly { itemId: string; total: number }[] },
	labels: Readonly<Record<string, string>>,
	top: number = PRIORITIES_TOP_DEFAULT
): PriorityItem[] {
	const voted = new Set(results.items.filter((i) => i.total > 0).map((i) => i.itemId));
	return results.parityRanking
		.filter((id) => voted.has(id))
		.slice(0, top)
		.map((id) => ({ id, label: labels[id] ?? '' }));
}
