import { CATEGORIES, type Category } from '../workshop/categories.ts';

/**
 * Tables (issue 13, item 1): a room of 20–60 works in tables of 5–8 in parallel. Who sits at
 * which table is decided here, by pure deterministic functions shared by the server (which
 * stores the plan) and the facilitator's preview: the same people, tables and seed always give
 * the same plan.
 *
 * A *balanced* split deals people to the tables in turn, collège after collège, each collège
 * shuffled by the seed: dealing a contiguous run of people round the tables gives every table
 * ⌊n/t⌋ or ⌈n/t⌉ of them, so table sizes differ by at most one and so does each collège's
 * count per table — no table is all agents while another has every élu·e.
 *
 * Keeping people of the same service apart is not offered: participants do not give a service
 * when they join (only a collège), so there is nothing to keep apart yet.
 */

/** Someone to seat: a participant's id and collège. */
export interface Seatable {
	id: string;
	category: Category;
}

/** How the facilitator splits the room: balanced by collège (the default) or at random. */
export const ASSIGN_MODES = ['balanced', 'random', 'manual'] as const;
export type AssignMode = (typeof ASSIGN_MODES)[number];

/** Table id → the ids of the people at it, in the order they were seated. */
export type Seating = Record<string, string[]>;

/** mulberry32: a small seeded generator, so a plan is reproducible from its seed. */
function generator(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A seeded Fisher–Yates shuffle of a copy; the input's order is first made canonical (by id). */
function shuffled<T extends { id: string }>(items: readonly T[], next: () => number): T[] {
	const out = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(next() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

/** Deals people to the tables in turn, starting at the first table. */
function deal(order: readonly Seatable[], tableIds: readonly string[]): Seating {
	const seating: Seating = Object.fromEntries(tableIds.map((id) => [id, [] as string[]]));
	order.forEach((p, i) => seating[tableIds[i % tableIds.length]].push(p.id));
	return seating;
}

/**
 * Seats every person at exactly one of `tableIds` (at least one table), balanced by collège or
 * at random. Deterministic: the input's order does not matter, only the people, the tables'
 * order and the seed. A person listed twice is seated once.
 */
export function assignTables(people: readonly Seatable[], tableIds: readonly string[], mode: Exclude<AssignMode, 'manual'>, seed: number): Seating {
	if (tableIds.length === 0) throw new Error('assignTables: no table to seat people at');
	const unique = [...new Map(people.map((p) => [p.id, p])).values()];
	const next = generator(seed);
	if (mode === 'random') return deal(shuffled(unique, next), tableIds);
	// Collège after collège (in the workshop's fixed order), each shuffled: a contiguous run per collège.
	const order = CATEGORIES.flatMap((c) => shuffled(unique.filter((p) => p.category === c), next));
	return deal(order, tableIds);
}

/**
 * Where a late joiner sits: among the smallest tables (so sizes still differ by at most one),
 * the one with the fewest people of their collège, then the first in the plan's order. The
 * same rule for every mode: a random plan stays even, a balanced one stays mixed.
 */
export function tableForLateJoiner(
	seating: Readonly<Seating>,
	tableIds: readonly string[],
	categoryOf: (personId: string) => Category | undefined,
	joiner: Seatable
): string {
	if (tableIds.length === 0) throw new Error('tableForLateJoiner: no table');
	const size = (t: string) => seating[t]?.length ?? 0;
	const same = (t: string) => (seating[t] ?? []).filter((id) => categoryOf(id) === joiner.category).length;
	const smallest = Math.min(...tableIds.map(size));
	return tableIds.filter((t) => size(t) === smallest).reduce((best, t) => (same(t) < same(best) ? t : best));
}

/** The table `personId` sits at, or null. */
export function tableOf(seating: Readonly<Seating>, personId: string): string | null {
	for (const [table, ids] of Object.entries(seating)) if (ids.includes(personId)) return table;
	return null;
}

/** A manual move (the facilitator drags someone): out of any table, then into `tableId` (null: unseated). */
export function moveTo(seating: Readonly<Seating>, personId: string, tableId: string | null): Seating {
	const out: Seating = Object.fromEntries(Object.entries(seating).map(([t, ids]) => [t, ids.filter((id) => id !== personId)]));
	if (tableId !== null) (out[tableId] ??= []).push(personId);
	return out;
}

/** How many tables a room of `people` needs so that none has more than `perTable` (at least one). */
export function tablesNeeded(people: number, perTable: number): number {
	return Math.max(1, Math.ceil(people / Math.max(1, perTable)));
}
