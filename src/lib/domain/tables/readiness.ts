import { CATEGORIES, type Category } from '../workshop/categories.ts';
import type { Seating } from './assign.ts';

/**
 * Readiness (issue 13, item 5): in any phase each participant may say "j'ai fini". Screens are
 * told how many are done, overall, by table and by collège — counts, never who. A phase's
 * readiness starts empty each time the phase starts.
 */
export interface DoneCount {
	done: number;
	of: number;
}

export interface ReadinessCounts {
	overall: DoneCount;
	/** By table id (only when a table plan exists); people at no table are in none. */
	byTable: Record<string, DoneCount>;
	/** By collège, only the collèges present in the room, in the workshop's order. */
	byCategory: Partial<Record<Category, DoneCount>>;
}

/** The counts for `people` (everyone who may say done), of whom `done` said so; `seating` may be empty. */
export function readinessCounts(people: readonly { id: string; category: Category }[], done: ReadonlySet<string>, seating: Readonly<Seating>): ReadinessCounts {
	const present = new Set(people.map((p) => p.id));
	const count = (ids: readonly string[]): DoneCount => ({ done: ids.filter((id) => done.has(id)).length, of: ids.length });
	const byCategory: ReadinessCounts['byCategory'] = {};
	for (const c of CATEGORIES) {
		const ids = people.filter((p) => p.category === c).map((p) => p.id);
		if (ids.length) byCategory[c] = count(ids);
	}
	return {
		overall: count(people.map((p) => p.id)),
		byTable: Object.fromEntries(Object.entries(seating).map(([t, ids]) => [t, count(ids.filter((id) => present.has(id)))])),
		byCategory
	};
}
