import { describe, expect, test } from 'vitest';
import { answerChoices, ANSWER_LIMITS, checkAnswer, type RawAnswer } from './answer.ts';

const raw = (extra: Partial<RawAnswer> = {}): RawAnswer => ({ answer: 'accepted', reason: '', criteria: '', plannedFor: '', ...extra });

describe('an owner’s answer to a decision', () => {
	test('retained or under study needs no reason; texts are trimmed, an empty date is none', () => {
		expect(checkAnswer(raw({ criteria: '  Budget 2027  ' }), null)).toEqual({
			ok: true,
			answer: { answer: 'accepted', reason: '', criteria: 'Budget 2027', plannedFor: null }
		});
		expect(checkAnswer(raw({ answer: 'studying', plannedFor: '2026-09-01' }), null)).toMatchObject({ ok: true, answer: { plannedFor: '2026-09-01' } });
	});

	test('adapted or declined without a reason is refused; with one it is taken', () => {
		expect(checkAnswer(raw({ answer: 'declined', reason: '   ' }), null)).toEqual({ ok: false, problems: { reason: 'reason.required' } });
		expect(checkAnswer(raw({ answer: 'adapted' }), null)).toEqual({ ok: false, problems: { reason: 'reason.required' } });
		expect(checkAnswer(raw({ answer: 'declined', reason: 'Le budget 2026 est voté.' }), null)).toMatchObject({ ok: true, answer: { answer: 'declined' } });
	});

	test('unknown answers, texts too long and impossible dates are refused, each on its field', () => {
		expect(checkAnswer(raw({ answer: 'maybe' }), null)).toEqual({ ok: false, problems: { answer: 'answer.unknown' } });
		expect(
			checkAnswer(raw({ reason: 'x'.repeat(ANSWER_LIMITS.reason + 1), criteria: 'y'.repeat(ANSWER_LIMITS.criteria + 1), plannedFor: '2026-02-30' }), null)
		).toEqual({ ok: false, problems: { reason: 'reason.tooLong', criteria: 'criteria.tooLong', plannedFor: 'plannedFor.invalid' } });
		expect(checkAnswer(raw({ answer: 'declined', reason: 'Hors compétence', plannedFor: '2026-09-01' }), null)).toEqual({
			ok: false,
			problems: { plannedFor: 'plannedFor.declined' }
		});
	});

	test('in progress and done only follow a decision retained or adapted', () => {
		expect(checkAnswer(raw({ answer: 'in_progress' }), null)).toEqual({ ok: false, problems: { answer: 'answer.notTakenUp' } });
		expect(checkAnswer(raw({ answer: 'done' }), 'declined')).toEqual({ ok: false, problems: { answer: 'answer.notTakenUp' } });
		expect(checkAnswer(raw({ answer: 'in_progress' }), 'adapted')).toMatchObject({ ok: true });
		expect(checkAnswer(raw({ answer: 'done', plannedFor: '2026-10-01' }), 'in_progress')).toMatchObject({ ok: true });
		expect(answerChoices(null)).toEqual(['accepted', 'adapted', 'declined', 'studying']);
		expect(answerChoices('accepted')).toEqual(['accepted', 'adapted', 'declined', 'studying', 'in_progress', 'done']);
	});
});
