import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';
import { CATEGORIES, type Category } from '../workshop/categories.ts';
import { voteResults, type ItemResult, type PaperDots, type PhoneVote, type VoteInput } from './results.ts';

const phone = (voterId: string, category: Category, ballot: Record<string, number>): PhoneVote[] =>
	Object.entries(ballot).map(([itemId, dots]) => ({ voterId, category, itemId, dots }));
const item = (r: { items: ItemResult[] }, id: string) => r.items.find((i) => i.itemId === id)!;
const college = (i: ItemResult, c: Category) => i.colleges.find((x) => x.category === c)!;

/*
 * Worked example: items A, B, C, D; three collèges.
 *   agents (4 phones)        a1: A2   a2: A1 B1   a3: A2   a4: A1 C1   → A6 B1 C1, 8 dots
 *   usagers (2 phones + wall) u1: B2   u2: B1 C1   wall: C2            → B3 C3, 6 dots;
 *                             paper voters not given: inferred 2 (most paper dots on one item)
 *   élu (1 phone)            e1: C2                                   → C2, 2 dots
 * Totals A6 B4 C6 D0 (16). Raw: A .375, C .375, B .25 → A, C, B, D (A before C by id).
 * Parity: A (6/8 + 0 + 0)/3 = .25, B (1/8 + 3/6 + 0)/3 ≈ .208, C (1/8 + 3/6 + 2/2)/3 ≈ .542
 *   → C, A, B, D: the élu's and usagers' choice climbs past the agents' favourite.
 * Supporters (voters): agents A4 B1 C1 (4); usagers B2, C1+2 paper (4); élu C1 (1).
 * Consensus: A 5/6·1/6·1/3 = 5/108, B 2/6·3/6·1/3 = 1/18, C 2/6·4/6·2/3 = 4/27, D 1/6·1/6·1/3.
 * Divides (gap ≥ 0.35): A agents 5/6 vs usagers 1/6; C only 2/3 vs 1/3, not enough.
 */
const worked: VoteInput = {
	itemIds: ['D', 'C', 'B', 'A'],
	phoneVotes: [
		...phone('a1', 'agent', { A: 2 }),
		...phone('a2', 'agent', { A: 1, B: 1 }),
		...phone('a3', 'agent', { A: 2 }),
		...phone('a4', 'agent', { A: 1, C: 1 }),
		...phone('u1', 'usager', { B: 2 }),
		...phone('u2', 'usager', { B: 1, C: 1 }),
		...phone('e1', 'elu', { C: 2 })
	],
	paperDots: [{ itemId: 'C', category: 'usager', dots: 2 }]
};

describe('worked example with three collèges', () => {
	const r = voteResults(worked);

	it('lists only the collèges that voted, with phone and paper voters', () => {
		expect(r.categories).toEqual(['agent', 'usager', 'elu']);
		expect(r.colleges.map((c) => [c.category, c.voters, c.phoneVoters, c.paperVoters, c.dots])).toEqual([
			['agent', 4, 4, 0, 8],
			['usager', 4, 2, 2, 6],
			['elu', 1, 1, 0, 2]
		]);
		expect(r.colleges[1].paperVotersInferred).toBe(true);
		expect([r.dots, r.phoneDots, r.paperDots, r.voters]).toEqual([16, 14, 2, 9]);
	});

	it('keeps paper dots apart while counting them', () => {
		const c = item(r, 'C');
		expect([c.total, c.phoneDots, c.paperDots]).toEqual([6, 4, 2]);
		expect(college(c, 'usager')).toMatchObject({ dots: 3, phoneDots: 1, paperDots: 2, supporters: 3, share: 0.5 });
	});

	it('ranks by raw dots and by parity, and shows who climbs', () => {
		expect(r.rawRanking).toEqual(['A', 'C', 'B', 'D']);
		expect(r.parityRanking).toEqual(['C', 'A', 'B', 'D']);
		expect(r.items.map((i) => i.itemId)).toEqual(r.parityRanking);
		expect(r.items.map((i) => [i.itemId, i.rawRank, i.parityRank, i.rankShift])).toEqual([
			['C', 2, 1, 1],
			['A', 1, 2, -1],
			['B', 3, 3, 0],
			['D', 4, 4, 0]
		]);
		expect(item(r, 'A').rawShare).toBe(0.375);
		expect(item(r, 'A').parityShare).toBeCloseTo(0.25, 12);
		expect(item(r, 'B').parityShare).toBeCloseTo(0.625 / 3, 12);
		expect(item(r, 'C').parityShare).toBeCloseTo(1.625 / 3, 12);
	});

	it('gives the cross-collège consensus and each collège’s smoothed support', () => {
		expect(item(r, 'A').consensus).toBeCloseTo(5 / 108, 12);
		expect(item(r, 'B').consensus).toBeCloseTo(1 / 18, 12);
		expect(item(r, 'C').consensus).toBeCloseTo(4 / 27, 12);
		expect(item(r, 'C').colleges.map((c) => c.support)).toEqual([2 / 6, 4 / 6, 2 / 3]);
	});

	it('shows an item nobody voted for with zeros', () => {
		const d = item(r, 'D');
		expect([d.total, d.rawShare, d.parityShare, d.divide]).toEqual([0, 0, 0, null]);
		expect(d.colleges.map((c) => c.dots)).toEqual([0, 0, 0]);
		expect(d.consensus).toBeCloseTo(1 / 108, 12);
	});

	it('flags the item agents back and usagers do not, and only that one', () => {
		expect(item(r, 'A').divide).toMatchObject({ backedBy: 'agent', notBackedBy: 'usager' });
		expect(item(r, 'A').divide!.gap).toBeCloseTo(4 / 6, 12);
		expect(r.items.filter((i) => i.divide).map((i) => i.itemId)).toEqual(['A']);
	});
});

describe('paper votes', () => {
	it('never counts more paper supporters than the facilitator counted paper voters', () => {
		const r = voteResults({ ...worked, paperVoters: { usager: 1 } });
		const u = college(item(r, 'C'), 'usager');
		expect(u.supporters).toBe(2);
		expect(u.support).toBeCloseTo(3 / 5, 12);
		expect(r.colleges[1]).toMatchObject({ paperVoters: 1, paperVotersInferred: false, voters: 3 });
	});

	it('counts a collège that voted only on paper', () => {
		const r = voteResults({ itemIds: ['A', 'B'], phoneVotes: [], paperDots: [{ itemId: 'A', category: 'expert', dots: 3 }] });
		expect(r.categories).toEqual(['expert']);
		expect(item(r, 'A')).toMatchObject({ total: 3, paperDots: 3, phoneDots: 0, parityShare: 1, consensus: 4 / 5 });
	});
});

it('leaves out rows on items that are no longer listed, voters included', () => {
	const r = voteResults({ itemIds: ['A'], phoneVotes: [...phone('a1', 'agent', { A: 1 }), ...phone('e1', 'elu', { gone: 3 })] });
	expect(r.categories).toEqual(['agent']);
	expect([r.dots, r.voters]).toEqual([1, 1]);
});

it('breaks a parity tie by total dots, then by id', () => {
	// Agents: A2 C2 (4 dots); usagers: B1 C1 (2 dots). A and B both have parity (2/4 + 0)/2 = 1/4.
	const votes = [...phone('a1', 'agent', { A: 2, C: 2 }), ...phone('u1', 'usager', { B: 1, C: 1 })];
	expect(voteResults({ itemIds: ['B', 'A', 'C'], phoneVotes: votes }).parityRanking).toEqual(['C', 'A', 'B']);
	const even = [...phone('a1', 'agent', { B: 1, A: 1 })];
	expect(voteResults({ itemIds: ['B', 'A'], phoneVotes: even }).parityRanking).toEqual(['A', 'B']);
});

it('weighs one élu as much as fifty agents', () => {
	const agents = Array.from({ length: 50 }, (_, i) => phone(`a${i}`, 'agent', { B: 3 })).flat();
	const r = voteResults({ itemIds: ['A', 'B'], phoneVotes: [...agents, ...phone('e1', 'elu', { A: 3 })] });
	expect(item(r, 'A').parityShare).toBe(item(r, 'B').parityShare);
	expect(item(r, 'B').rawShare).toBeCloseTo(50 / 51, 12);
	// The élu's dots alone make it divisive: the élu is for A, agents are not.
	expect(item(r, 'A').divide).toMatchObject({ backedBy: 'elu', notBackedBy: 'agent' });
});

// ---- properties ----------------------------------------------------------------------------

const category = fc.constantFrom(...CATEGORIES);
/** A vote as stored: each voter in one collège, one row per voter × item, dots > 0. */
const voteInput: fc.Arbitrary<VoteInput> = fc
	.record({
		itemIds: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
		voters: fc.array(category, { minLength: 1, maxLength: 15 }),
		rows: fc.array(fc.record({ voter: fc.nat(), item: fc.nat(), dots: fc.integer({ min: 1, max: 5 }) }), { maxLength: 60 }),
		paper: fc.array(fc.record({ item: fc.nat(), category, dots: fc.integer({ min: 1, max: 8 }) }), { maxLength: 10 }),
		paperVoters: fc.option(fc.dictionary(category, fc.integer({ min: 1, max: 10 })), { nil: undefined })
	})
	.map(({ itemIds, voters, rows, paper, paperVoters }) => {
		const seen = new Map<string, PhoneVote>();
		for (const r of rows) {
			const v = r.voter % voters.length;
			const itemId = itemIds[r.item % itemIds.length];
			if (!seen.has(`${v}/${itemId}`)) seen.set(`${v}/${itemId}`, { voterId: `v${v}`, category: voters[v], itemId, dots: r.dots });
		}
		const paperDots: PaperDots[] = paper.map((p) => ({ itemId: itemIds[p.item % itemIds.length], category: p.category, dots: p.dots }));
		return { itemIds, phoneVotes: [...seen.values()], paperDots, paperVoters };
	});

const sum = (ns: number[]) => ns.reduce((a, b) => a + b, 0);
const dotsOf = (input: VoteInput, c?: Category) =>
	sum([...input.phoneVotes, ...(input.paperDots ?? [])].filter((v) => !c || v.category === c).map((v) => v.dots));

test('no dot is lost or made up, overall and per collège', () => {
	fc.assert(
		fc.property(voteInput, (input) => {
			const r = voteResults(input);
			expect(sum(r.items.map((i) => i.total))).toBe(dotsOf(input));
			expect(sum(r.items.map((i) => i.phoneDots))).toBe(sum(input.phoneVotes.map((v) => v.dots)));
			expect(sum(r.items.map((i) => i.paperDots))).toBe(sum((input.paperDots ?? []).map((v) => v.dots)));
			for (const c of CATEGORIES) {
				const onItems = sum(r.items.map((i) => i.colleges.find((x) => x.category === c)?.dots ?? 0));
				expect(onItems).toBe(dotsOf(input, c));
				expect(r.colleges.find((x) => x.category === c)?.dots ?? 0).toBe(dotsOf(input, c));
			}
		})
	);
});

test('the order of the rows and of the items changes nothing', () => {
	const shuffled = voteInput.chain((input) =>
		fc.record({
			input: fc.constant(input),
			phoneVotes: fc.shuffledSubarray([...input.phoneVotes], { minLength: input.phoneVotes.length }),
			paperDots: fc.shuffledSubarray([...input.paperDots!], { minLength: input.paperDots!.length }),
			itemIds: fc.shuffledSubarray([...input.itemIds], { minLength: input.itemIds.length })
		})
	);
	fc.assert(
		fc.property(shuffled, ({ input, ...order }) => {
			expect(voteResults({ ...input, ...order })).toEqual(voteResults(input));
		})
	);
});

test('parity share equals raw share when every collège spent as many dots', () => {
	// Each collège spends exactly `spent` dots, one dot at a time, by voters 0..2 of the collège.
	const sameSize = fc
		.record({
			itemIds: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
			colleges: fc.uniqueArray(category, { minLength: 1 }),
			spent: fc.integer({ min: 1, max: 12 }),
			picks: fc.array(fc.tuple(fc.nat(), fc.nat(2)), { minLength: 5 * 12, maxLength: 5 * 12 })
		})
		.map(({ itemIds, colleges, spent, picks }): VoteInput => {
			const rows = new Map<string, PhoneVote>();
			colleges.forEach((c, k) => {
				for (const [i, voter] of picks.slice(k * spent, (k + 1) * spent)) {
					const itemId = itemIds[i % itemIds.length];
					const row = rows.get(`${c}/${voter}/${itemId}`) ?? { voterId: `${c}${voter}`, category: c, itemId, dots: 0 };
					rows.set(`${c}/${voter}/${itemId}`, { ...row, dots: row.dots + 1 });
				}
			});
			return { itemIds, phoneVotes: [...rows.values()] };
		});
	fc.assert(
		fc.property(sameSize, (input) => {
			for (const i of voteResults(input).items) expect(i.parityShare).toBeCloseTo(i.rawShare, 12);
		})
	);
});

test('a collège of one weighs as much as a collège of fifty', () => {
	fc.assert(
		fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), (agents, perAgent, eluDots) => {
			const votes = Array.from({ length: agents }, (_, i) => phone(`a${i}`, 'agent', { B: perAgent })).flat();
			const r = voteResults({ itemIds: ['A', 'B'], phoneVotes: [...votes, ...phone('e1', 'elu', { A: eluDots })] });
			expect(item(r, 'A').parityShare).toBe(0.5);
			expect(item(r, 'B').parityShare).toBe(0.5);
		})
	);
});

test('consensus lies in (0, 1) and never above any collège’s support', () => {
	fc.assert(
		fc.property(voteInput, (input) => {
			const r = voteResults(input);
			// Nobody voted: nothing to agree on, and the UI shows no consensus at all.
			if (r.categories.length === 0) return r.items.every((i) => i.consensus === 0);
			for (const i of r.items) {
				expect(i.consensus).toBeGreaterThan(0);
				expect(i.consensus).toBeLessThan(1);
				for (const c of i.colleges) expect(i.consensus).toBeLessThanOrEqual(c.support);
			}
		})
	);
});

test('the parity ranking follows parity shares, and rank shifts match the two rankings', () => {
	fc.assert(
		fc.property(voteInput, (input) => {
			const r = voteResults(input);
			r.items.forEach((i, k) => {
				const next = r.items[k + 1];
				if (next) expect(i.parityShare).toBeGreaterThanOrEqual(next.parityShare - 1e-12);
				expect(r.rawRanking[i.rawRank - 1]).toBe(i.itemId);
				expect(i.rankShift).toBe(i.rawRank - i.parityRank);
			});
		})
	);
});
