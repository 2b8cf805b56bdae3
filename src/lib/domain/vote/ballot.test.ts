import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';
import { applyBallotChanges, checkBallot, type BallotChange, type VoterChange } from './ballot.ts';

// Budget 5, at most 3 on one item; the voter wrote "mine" and already has A2 B1.
const rules = (over: Partial<BallotChange> = {}): BallotChange => ({
	current: new Map([
		['A', 2],
		['B', 1]
	]),
	itemId: 'C',
	dots: 1,
	budget: 5,
	maxPerItem: 3,
	votable: new Set(['A', 'B', 'C', 'mine']),
	ownItems: new Set(['mine']),
	allowOwn: false,
	...over
});
const code = (over: Partial<BallotChange>) => {
	const r = checkBallot(rules(over));
	return r.ok ? 'ok' : r.code;
};

describe('checkBallot', () => {
	it('accepts dots up to the budget, counted over the whole ballot after the change', () => {
		expect(code({ itemId: 'C', dots: 2 })).toBe('ok');
		expect(code({ itemId: 'C', dots: 3 })).toBe('over_budget');
		// Raising A from 2 to 3 spends one more dot, not three.
		expect(code({ itemId: 'A', dots: 3 })).toBe('ok');
	});

	it('refuses more than the cap on one item', () => {
		expect(code({ itemId: 'C', dots: 4, budget: 20 })).toBe('over_cap');
	});

	it('refuses items outside the vote, and one’s own items unless allowed', () => {
		expect(code({ itemId: 'Z' })).toBe('not_found');
		expect(code({ itemId: 'mine' })).toBe('own_item');
		expect(code({ itemId: 'mine', allowOwn: true })).toBe('ok');
	});

	it('refuses counts that are not whole numbers from 0', () => {
		for (const dots of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(code({ dots })).toBe('invalid_input');
		expect(code({ budget: -1 })).toBe('invalid_input');
	});

	it('always lets a voter withdraw, so dots never get stuck', () => {
		const deleted = rules({ itemId: 'A', dots: 0, votable: new Set(['B']) });
		expect(checkBallot(deleted)).toEqual({ ok: true });
		// The budget was lowered mid-vote below what the voter had placed.
		expect(code({ itemId: 'B', dots: 0, budget: 1 })).toBe('ok');
	});
});

const change = fc.record({
	current: fc.dictionary(fc.constantFrom('A', 'B', 'C', 'D'), fc.integer({ min: 1, max: 6 })).map((d) => new Map(Object.entries(d))),
	itemId: fc.constantFrom('A', 'B', 'C', 'D', 'E'),
	dots: fc.oneof(fc.integer({ min: -2, max: 8 }), fc.double()),
	budget: fc.integer({ min: 0, max: 12 }),
	maxPerItem: fc.integer({ min: 0, max: 5 }),
	votable: fc.subarray(['A', 'B', 'C', 'D', 'E']).map((a) => new Set(a)),
	ownItems: fc.subarray(['A', 'B', 'C', 'D', 'E']).map((a) => new Set(a)),
	allowOwn: fc.boolean()
});
const after = (c: BallotChange) => new Map([...c.current, [c.itemId, c.dots]]);
const within = (c: BallotChange) => {
	const ballot = after(c);
	return [...ballot.values()].reduce((a, b) => a + b, 0) <= c.budget && [...ballot.values()].every((n) => n <= c.maxPerItem);
};

test('an accepted ballot is never over the budget nor over the cap on an item', () => {
	// Ballots as the server stores them: every one it holds was accepted, so starts within the rules.
	fc.assert(
		fc.property(change, (c) => {
			fc.pre(within({ ...c, dots: c.current.get(c.itemId) ?? 0 }));
			if (checkBallot(c).ok) expect(within(c)).toBe(true);
		})
	);
});

test('even after the rules tighten mid-vote, only a withdrawal can leave a ballot over them', () => {
	fc.assert(
		fc.property(change, (c) => {
			if (!checkBallot(c).ok || c.dots === 0) return;
			expect(c.dots).toBeLessThanOrEqual(c.maxPerItem);
			expect([...after(c).values()].reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(c.budget);
		})
	);
});

test('every change within the rules is accepted', () => {
	fc.assert(
		fc.property(change, (c) => {
			const allowed = c.votable.has(c.itemId) && (c.allowOwn || !c.ownItems.has(c.itemId)) && Number.isInteger(c.dots) && c.dots >= 0;
			if (allowed && within(c)) expect(checkBallot(c)).toEqual({ ok: true });
		})
	);
});

describe('applyBallotChanges', () => {
	const votable = new Set(['A', 'B', 'C', 'mine']);
	const batchRules = { budget: 5, maxPerItem: 3, votable, allowOwn: false };
	const none = new Set<string>();

	it('checks changes that arrived together one after the other: two tabs cannot together pass the budget', () => {
		const ballots = new Map([['lea', new Map([['A', 3]])]]);
		const changes: VoterChange[] = [
			{ voterId: 'lea', itemId: 'B', dots: 2, ownItems: none },
			{ voterId: 'lea', itemId: 'C', dots: 1, ownItems: none },
			{ voterId: 'marc', itemId: 'C', dots: 3, ownItems: none },
			{ voterId: 'lea', itemId: 'A', dots: 0, ownItems: none },
			{ voterId: 'lea', itemId: 'C', dots: 1, ownItems: none }
		];
		expect(applyBallotChanges(ballots, changes, batchRules).map((r) => (r.ok ? r.spent : r.code))).toEqual([5, 'over_budget', 3, 2, 3]);
		expect(Object.fromEntries(ballots.get('lea')!)).toEqual({ B: 2, C: 1 });
		expect(Object.fromEntries(ballots.get('marc')!)).toEqual({ C: 3 });
	});

	it('keeps each voter’s own-item rule', () => {
		const ballots = new Map<string, Map<string, number>>();
		const [r] = applyBallotChanges(ballots, [{ voterId: 'lea', itemId: 'mine', dots: 1, ownItems: new Set(['mine']) }], batchRules);
		expect(r).toMatchObject({ ok: false, code: 'own_item' });
		expect(ballots.get('lea')).toEqual(new Map());
	});

	test('whatever arrives, in any order, every ballot ends within the budget and the cap', () => {
		const arrival = fc.array(
			fc.record({ voterId: fc.constantFrom('a', 'b', 'c'), itemId: fc.constantFrom('A', 'B', 'C', 'Z'), dots: fc.integer({ min: 0, max: 5 }) }),
			{ maxLength: 40 }
		);
		fc.assert(
			fc.property(arrival, (list) => {
				const ballots = new Map<string, Map<string, number>>();
				const results = applyBallotChanges(ballots, list.map((c) => ({ ...c, ownItems: none })), batchRules);
				for (const ballot of ballots.values()) {
					expect([...ballot.values()].reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(batchRules.budget);
					expect([...ballot.values()].every((n) => n <= batchRules.maxPerItem && n > 0)).toBe(true);
				}
				// The last accepted change of a voter on an item is what the ballot holds.
				const last = new Map<string, number>();
				list.forEach((c, i) => results[i].ok && last.set(`${c.voterId}/${c.itemId}`, c.dots));
				for (const [key, dots] of last) {
					const [voter, item] = key.split('/');
					expect(ballots.get(voter)?.get(item) ?? 0).toBe(dots);
				}
			})
		);
	});
});
