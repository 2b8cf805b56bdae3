import { describe, expect, test } from 'vitest';
import { closingProblems, dayIn, overdueDecisions, reminderDue, showsRestitution } from './closing.ts';
import type { Decision } from './decision.ts';

const decision = (id: string, extra: Partial<Decision> = {}): Decision => ({
	id,
	title: `Décision ${id}`,
	text: '',
	commits: ['agent'],
	responsible: 'Service état civil',
	dueDate: null,
	answerBy: '2026-03-15',
	status: 'confirmed',
	sourceId: null,
	...extra
});

describe('closing a workshop', () => {
	test('may close when every confirmed decision has a responsible and an answer date', () => {
		expect(closingProblems([decision('a'), decision('b')])).toEqual([]);
		expect(closingProblems([])).toEqual([]);
	});

	test('names each confirmed decision that lacks a responsible or an answer date, with what it lacks', () => {
		const problems = closingProblems([
			decision('a', { responsible: '   ' }),
			decision('b'),
			decision('c', { responsible: '', answerBy: null }),
			decision('d', { answerBy: null })
		]);
		expect(problems).toEqual([
			{ decisionId: 'a', title: 'Décision a', missing: ['responsible'] },
			{ decisionId: 'c', title: 'Décision c', missing: ['responsible', 'answerBy'] },
			{ decisionId: 'd', title: 'Décision d', missing: ['answerBy'] }
		]);
	});

	test('proposed and dropped decisions do not go to the owners, so they never stop the closing', () => {
		expect(closingProblems([decision('a', { status: 'proposed', responsible: '' }), decision('b', { status: 'dropped', answerBy: null })])).toEqual([]);
	});

	test('the join link shows the restitution once the workshop ended or closed', () => {
		expect([showsRestitution('open'), showsRestitution('ended'), showsRestitution('closed')]).toEqual([false, true, true]);
	});
});

describe('overdue answers and reminders', () => {
	const decisions = [decision('a', { answerBy: '2026-03-10' }), decision('b', { answerBy: '2026-03-20' }), decision('c', { answerBy: '2026-03-01', status: 'proposed' })];

	test('a confirmed decision is overdue the day after its answer date, until it is answered', () => {
		expect(overdueDecisions(decisions, new Set(), '2026-03-10').map((d) => d.id)).toEqual([]);
		expect(overdueDecisions(decisions, new Set(), '2026-03-11').map((d) => d.id)).toEqual(['a']);
		expect(overdueDecisions(decisions, new Set(['a']), '2026-03-30').map((d) => d.id)).toEqual(['b']);
	});

	test('an owner is reminded once the delay has run since the answer day, then once per delay', () => {
		const overdue = [decision('a', { answerBy: '2026-03-10' })];
		const week = 7 * 24 * 3600_000;
		const at = (iso: string) => new Date(iso);
		// The answer day ends on 2026-03-11T00:00Z; a week later the first reminder is due.
		expect(reminderDue({ overdue, lastContact: at('2026-03-01T10:00:00Z'), now: at('2026-03-17T23:59:00Z'), delayMs: week })).toBe(false);
		expect(reminderDue({ overdue, lastContact: at('2026-03-01T10:00:00Z'), now: at('2026-03-18T00:00:00Z'), delayMs: week })).toBe(true);
		// Reminded on the 18th: not again before the 25th.
		expect(reminderDue({ overdue, lastContact: at('2026-03-18T00:00:00Z'), now: at('2026-03-24T12:00:00Z'), delayMs: week })).toBe(false);
		expect(reminderDue({ overdue, lastContact: at('2026-03-18T00:00:00Z'), now: at('2026-03-25T00:00:00Z'), delayMs: week })).toBe(true);
		expect(reminderDue({ overdue: [], lastContact: null, now: at('2027-01-01T00:00:00Z'), delayMs: week })).toBe(false);
	});

	test('today is counted in Paris time', () => {
		expect(dayIn(new Date('2026-03-10T23:30:00Z'))).toBe('2026-03-11');
		expect(dayIn(new Date('2026-03-10T12:00:00Z'))).toBe('2026-03-10');
	});
});
