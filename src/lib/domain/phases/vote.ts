import { defineKind } from './kind.ts';

/** Dot vote: each participant spends a budget of dots (votes come with their own commands). */
export const vote = defineKind({
	type: 'vote',
	settings: ['categories', 'dots', 'maxDotsPerItem']
});
