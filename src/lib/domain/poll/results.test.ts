import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CATEGORIES } from '../workshop/categories.ts';
import { pollResults, type PollAnswer } from './results.ts';
import { checkAnswer } from './answer.ts';

const answer = (participantId: string, category: PollAnswer['category'], ...choices: number[]): PollAnswer => ({ participantId, category, choices });

describe('poll results by collège', () => {
	/*
	 * Three choices, several answers allowed. Agents a1: 0, a2: 0 1, a3: 1; usagers u1: 2; élue e1: 0 2.
	 * Choice 0: agents 2/3, usagers 0/1, élus 1/1 → 3 of 5, parity (2/3 + 0 + 1) / 3 = 5/9.
	 */
	const r = pollResults(3, [answer('a1', 'agent', 0), answer('a2', 'agent', 0, 1), answer('a3', 'agent', 1), answer('u1', 'usager', 2), answer('e1', 'elu', 0, 2)]);

	test('counts each choice overall and by collège, with each collège’s share', () => {
		expect(r.respondents).toBe(5);
		expect(r.colleges).toEqual([
			{ category: 'agent', respondents: 3 },
			{ category: 'usager', respondents: 1 },
			{ category: 'elu', respondents: 1 }
		]);
		expect(r.choices.map((c) => c.count)).toEqual([3, 2, 2]);
		expect(r.choices[0].share).toBeCloseTo(3 / 5);
		expect(r.choices[0].parityShare).toBeCloseTo(5 / 9);
		expect(r.choices[0].colleges.map((c) => [c.category, c.count, c.share])).toEqual([
			['agent', 2, 2 / 3],
			['usager', 0, 0],
			['elu', 1, 1]
		]);
	});

	test('no answer: every choice listed at zero, no collège', () => {
		expect(pollResults(2, [])).toEqual({
			respondents: 0,
			colleges: [],
			choices: [0, 1].map((index) => ({ index, count: 0, share: 0, parityShare: 0, colleges: [] }))
		});
	});

	test('indexes outside the poll are left out; an answer with none of them counts nobody', () => {
		const out = pollResults(2, [answer('p', 'usager', 1, 5), answer('q', 'agent', 7)]);
		expect(out.respondents).toBe(1);
		expect(out.choices.map((c) => c.count)).toEqual([0, 1]);
	});
});

describe('properties', () => {
	const answers = fc
		.uniqueArray(
			fc.record({
				participantId: fc.string({ minLength: 1, maxLength: 4 }),
				category: fc.constantFrom(...CATEGORIES),
				choices: fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 6 })
			}),
			{ selector: (a) => a.participantId, maxLength: 40 }
		)
		.map((list) => list as PollAnswer[]);

	test('totals are preserved: each choice counts its pickers, by collège and overall', () => {
		fc.assert(
			fc.property(answers, (list) => {
				const r = pollResults(6, list);
				expect(r.respondents).toBe(list.length);
				expect(r.colleges.reduce((s, c) => s + c.respondents, 0)).toBe(list.length);
				for (const c of r.choices) {
					expect(c.count).toBe(list.filter((a) => a.choices.includes(c.index)).length);
					expect(c.colleges.reduce((s, x) => s + x.count, 0)).toBe(c.count);
				}
				const picks = list.reduce((s, a) => s + a.choices.length, 0);
				expect(r.choices.reduce((s, c) => s + c.count, 0)).toBe(picks);
			})
		);
	});

	test('the order of answers (and of choices within one) does not matter', () => {
		fc.assert(
			fc.property(answers, fc.integer(), (list, seed) => {
				const shuffled = [...list].map((a) => ({ ...a, choices: [...a.choices].reverse() }));
				for (let i = shuffled.length - 1; i > 0; i--) {
					const j = Math.abs(seed * (i + 7)) % (i + 1);
					[shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
				}
				expect(pollResults(6, shuffled)).toEqual(pollResults(6, list));
			})
		);
	});
});

describe('an answer is checked against the poll', () => {
	test.each<[number[], boolean, boolean]>([
		[[1], false, true],
		[[0, 2], false, false],
		[[0, 2], true, true],
		[[], true, false],
		[[3], true, false],
		[[-1], false, false],
		[[1, 1], true, false],
		[[0.5], false, false]
	])('%j (several: %s) → %s', (picked, multiple, ok) => {
		expect(checkAnswer(picked, { choices: 3, multiple }).ok).toBe(ok);
	});

	test('comes back sorted', () => {
		expect(checkAnswer([2, 0], { choices: 3, multiple: true })).toEqual({ ok: true, choices: [0, 2] });
	});
});
