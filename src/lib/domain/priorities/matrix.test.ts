import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { CATEGORIES } from '../workshop/categories.ts';
import { countPlacers, placementMedians, priorityItems, quadrantOf, PLACERS, type Placement } from './matrix.ts';

const at = (placerId: string, category: Placement['category'], itemId: string, desirability: number, feasibility: number): Placement => ({
	placerId,
	category,
	itemId,
	desirability,
	feasibility
});

describe('placementMedians', () => {
	test('the median of each axis, overall and by collège, in the order of the items', () => {
		const placements = [
			at('a1', 'agent', 'x', 10, 90),
			at('a2', 'agent', 'x', 30, 70),
			at('a3', 'agent', 'x', 20, 80),
			at('u1', 'usager', 'x', 90, 20),
			at('u2', 'usager', 'x', 80, 30),
			at('u1', 'usager', 'y', 60, 60),
			at('u1', 'usager', 'gone', 0, 0)
		];
		const [x, y] = placementMedians(['x', 'y', 'z'], placements);
		expect(x).toEqual({
			itemId: 'x',
			placers: 5,
			overall: { desirability: 30, feasibility: 70 },
			byCategory: [
				{ category: 'agent', placers: 3, desirability: 20, feasibility: 80 },
				{ category: 'usager', placers: 2, desirability: 85, feasibility: 25 }
			]
		});
		expect(y.overall).toEqual({ desirability: 60, feasibility: 60 });
		expect(placementMedians(['z'], placements)).toEqual([{ itemId: 'z', placers: 0, overall: null, byCategory: [] }]);
		expect(countPlacers(placements)).toBe(5);
	});

	const placement = fc.record({
		placerId: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5'),
		category: fc.constantFrom(...PLACERS),
		itemId: fc.constantFrom('a', 'b', 'c'),
		desirability: fc.integer({ min: 0, max: 100 }),
		feasibility: fc.integer({ min: 0, max: 100 })
	});

	test('property: independent of the order of placements, and within each axis\'s range', () => {
		fc.assert(
			fc.property(fc.array(placement, { maxLength: 40 }), fc.nat(), (ps, seed) => {
				const shuffled = [...ps].sort((p, q) => ((ps.indexOf(p) * 7919 + seed) % 31) - ((ps.indexOf(q) * 7919 + seed) % 31));
				const medians = placementMedians(['a', 'b', 'c'], ps);
				expect(placementMedians(['a', 'b', 'c'], shuffled)).toEqual(medians);
				for (const m of medians) {
					const on = ps.filter((p) => p.itemId === m.itemId);
					expect(m.placers).toBe(on.length);
					expect(m.byCategory.reduce((s, g) => s + g.placers, 0)).toBe(on.length);
					if (!m.overall) continue;
					const ds = on.map((p) => p.desirability);
					expect(m.overall.desirability).toBeGreaterThanOrEqual(Math.min(...ds));
					expect(m.overall.desirability).toBeLessThanOrEqual(Math.max(...ds));
				}
			})
		);
	});

	test('property: when everyone agrees, every median is that placement', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.subarray([...CATEGORIES], { minLength: 1 }), (d, f, cats) => {
				const ps = cats.map((c, i) => at(`p${i}`, c, 'a', d, f));
				const [m] = placementMedians(['a'], ps);
				expect(m.overall).toEqual({ desirability: d, feasibility: f });
				for (const g of m.byCategory) expect([g.desirability, g.feasibility]).toEqual([d, f]);
			})
		);
	});
});

describe('quadrantOf', () => {
	test('desirable and feasible first; the middle counts as high', () => {
		expect(quadrantOf({ desirability: 80, feasibility: 80 })).toBe('first');
		expect(quadrantOf({ desirability: 50, feasibility: 50 })).toBe('first');
		expect(quadrantOf({ desirability: 80, feasibility: 10 })).toBe('prepare');
		expect(quadrantOf({ desirability: 10, feasibility: 80 })).toBe('easy');
		expect(quadrantOf({ desirability: 49, feasibility: 49 })).toBe('later');
	});
});

describe('priorityItems', () => {
	test('the first voted items of the parity ranking, with their labels', () => {
		const results = {
			parityRanking: ['c', 'a', 'b', 'd'],
			items: [
				{ itemId: 'a', total: 3 },
				{ itemId: 'b', total: 1 },
				{ itemId: 'c', total: 2 },
				{ itemId: 'd', total: 0 }
			]
		};
		expect(priorityItems(results, { a: 'A', c: 'C' }, 2)).toEqual([
			{ id: 'c', label: 'C' },
			{ id: 'a', label: 'A' }
		]);
		expect(priorityItems(results, {}).map((i) => i.id)).toEqual(['c', 'a', 'b']);
	});
});
