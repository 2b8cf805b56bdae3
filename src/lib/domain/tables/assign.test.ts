import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CATEGORIES, type Category } from '../workshop/categories.ts';
import { assignTables, moveTo, tableForLateJoiner, tableOf, tablesNeeded, type Seatable, type Seating } from './assign.ts';

const spread = (values: number[]) => Math.max(...values) - Math.min(...values);

/** A room of 5–80 people whose collèges follow a random mix (some collèges may be absent). */
const room = fc
	.record({
		size: fc.integer({ min: 5, max: 80 }),
		weights: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: CATEGORIES.length, maxLength: CATEGORIES.length }),
		draws: fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: 80, maxLength: 80 })
	})
	.map(({ size, weights, draws }): Seatable[] => {
		const w = weights.some((x) => x > 0) ? weights : weights.map(() => 1);
		const total = w.reduce((a, b) => a + b, 0);
		return Array.from({ length: size }, (_, i) => {
			let r = draws[i] * total;
			const k = w.findIndex((x) => (r -= x) < 0);
			return { id: `p${i}`, category: CATEGORIES[k === -1 ? w.length - 1 : k] };
		});
	});

const plan = room.chain((people) =>
	fc.record({ people: fc.constant(people), tables: fc.integer({ min: 1, max: Math.min(12, people.length) }), seed: fc.integer() })
);
const ids = (n: number) => Array.from({ length: n }, (_, i) => `t${i + 1}`);

function expectEveryoneOnce(seating: Seating, people: readonly Seatable[]) {
	const seated = Object.values(seating).flat();
	expect(seated.length).toBe(people.length);
	expect(new Set(seated)).toEqual(new Set(people.map((p) => p.id)));
}

function countsOf(seating: Seating, people: readonly Seatable[], category: Category): number[] {
	const of = new Map(people.map((p) => [p.id, p.category]));
	return Object.values(seating).map((members) => members.filter((id) => of.get(id) === category).length);
}

describe('balanced assignment (property tests over rooms of 5–80)', () => {
	test('every participant sits at exactly one table', () => {
		fc.assert(
			fc.property(plan, fc.constantFrom('balanced' as const, 'random' as const), ({ people, tables, seed }, mode) => {
				expectEveryoneOnce(assignTables(people, ids(tables), mode, seed), people);
			})
		);
	});

	test('table sizes differ by at most one', () => {
		fc.assert(
			fc.property(plan, fc.constantFrom('balanced' as const, 'random' as const), ({ people, tables, seed }, mode) => {
				const seating = assignTables(people, ids(tables), mode, seed);
				expect(Object.keys(seating)).toEqual(ids(tables));
				expect(spread(Object.values(seating).map((m) => m.length))).toBeLessThanOrEqual(1);
			})
		);
	});

	test('balanced: each collège’s count per table differs by at most one', () => {
		fc.assert(
			fc.property(plan, ({ people, tables, seed }) => {
				const seating = assignTables(people, ids(tables), 'balanced', seed);
				for (const c of CATEGORIES) expect(spread(countsOf(seating, people, c)), c).toBeLessThanOrEqual(1);
			})
		);
	});

	test('deterministic: the same people, tables and seed give the same plan, whatever the input order', () => {
		fc.assert(
			fc.property(plan, ({ people, tables, seed }) => {
				const reversed = [...people].reverse();
				expect(assignTables(reversed, ids(tables), 'balanced', seed)).toEqual(assignTables(people, ids(tables), 'balanced', seed));
				expect(assignTables(reversed, ids(tables), 'random', seed)).toEqual(assignTables(people, ids(tables), 'random', seed));
			})
		);
	});

	test('late joiners placed one by one keep every table within one of the others, each seated once', () => {
		fc.assert(
			fc.property(plan, room, ({ people, tables, seed }, late) => {
				const joiners = late.slice(0, 20).map((p, i) => ({ ...p, id: `late${i}` }));
				const of = new Map([...people, ...joiners].map((p) => [p.id, p.category]));
				let seating = assignTables(people, ids(tables), 'balanced', seed);
				for (const j of joiners) {
					const table = tableForLateJoiner(seating, ids(tables), (id) => of.get(id), j);
					seating = moveTo(seating, j.id, table);
					expect(spread(Object.values(seating).map((m) => m.length))).toBeLessThanOrEqual(1);
				}
				expectEveryoneOnce(seating, [...people, ...joiners]);
			})
		);
	});
});

describe('balanced assignment, by example', () => {
	// 12 people of 3 collèges into 3 tables: each table gets 2 agents, 1 usager, 1 élue.
	const people: Seatable[] = [
		...Array.from({ length: 6 }, (_, i) => ({ id: `a${i}`, category: 'agent' as const })),
		...Array.from({ length: 3 }, (_, i) => ({ id: `u${i}`, category: 'usager' as const })),
		...Array.from({ length: 3 }, (_, i) => ({ id: `e${i}`, category: 'elu' as const }))
	];

	test('no table is all agents', () => {
		const seating = assignTables(people, ['t1', 't2', 't3'], 'balanced', 42);
		for (const c of ['agent', 'usager', 'elu'] as const) expect(countsOf(seating, people, c)).toEqual(c === 'agent' ? [2, 2, 2] : [1, 1, 1]);
	});

	test('another seed seats people differently, with the same mix', () => {
		const a = assignTables(people, ['t1', 't2', 't3'], 'balanced', 1);
		const b = assignTables(people, ['t1', 't2', 't3'], 'balanced', 2);
		expect(a).not.toEqual(b);
		expect(countsOf(b, people, 'agent')).toEqual([2, 2, 2]);
	});

	test('a late joiner goes to a smallest table with the fewest of their collège', () => {
		const of = (id: string): Category => (id.startsWith('a') ? 'agent' : id.startsWith('u') ? 'usager' : 'elu');
		const seating: Seating = { t1: ['a0', 'u0', 'e0'], t2: ['a1', 'a2', 'e1'], t3: ['a3', 'u1', 'e2', 'u2'] };
		expect(tableForLateJoiner(seating, ['t1', 't2', 't3'], of, { id: 'u9', category: 'usager' })).toBe('t2');
		expect(tableForLateJoiner(seating, ['t1', 't2', 't3'], of, { id: 'a9', category: 'agent' })).toBe('t1');
	});

	test('a manual move takes someone out of their table into another, or out of all', () => {
		const seating: Seating = { t1: ['x', 'y'], t2: ['z'] };
		expect(moveTo(seating, 'x', 't2')).toEqual({ t1: ['y'], t2: ['z', 'x'] });
		expect(tableOf(moveTo(seating, 'x', null), 'x')).toBeNull();
		expect(seating).toEqual({ t1: ['x', 'y'], t2: ['z'] });
	});

	test('no table to seat at is a programming error; tablesNeeded rounds up', () => {
		expect(() => assignTables(people, [], 'balanced', 1)).toThrow();
		expect(tablesNeeded(12, 5)).toBe(3);
		expect(tablesNeeded(0, 6)).toBe(1);
	});
});
