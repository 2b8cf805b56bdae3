import { defineKind } from './kind.ts';

/**
 * Dot vote: each participant spends a budget of dots on clusters or notes, secret until the
 * facilitator reveals the results (leaving the phase reveals them too: nothing stays secret by
 * accident). Votes live in PostgreSQL, never in the board's document.
 */
export const vote = defineKind({
	type: 'vote',
	settings: ['categories', 'dots', 'maxDotsPerItem', 'voteOn', 'ownItems', 'plenary'],
	opens: ['vote.set'],
	phone: ['vote'],
	onLeave: ['reveal-votes']
});
