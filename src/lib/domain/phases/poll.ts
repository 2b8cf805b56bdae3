import { defineKind } from './kind.ts';

/**
 * Quick poll: one question, 2–10 choices, one answer or several. Answers live in PostgreSQL,
 * never in the board's document; before the reveal a client learns only how many answered
 * (unless the phase shows live results), and leaving the phase reveals them.
 */
export const poll = defineKind({
	type: 'poll',
	settings: ['categories', 'question', 'choices', 'multiple', 'liveResults'],
	opens: ['poll.answer'],
	phone: ['poll'],
	onLeave: ['reveal-poll']
});
