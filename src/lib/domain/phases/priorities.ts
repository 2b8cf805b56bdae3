import { defineKind } from './kind.ts';

/**
 * The top items of the last revealed vote (setting `top`, in the vote's parity order) placed on
 * a desirability × feasibility matrix, by each participant from their phone or, with
 * `placedBy: 'facilitator'`, by the facilitator alone; the facilitator then confirms the
 * priorities and their order. Placements and priorities live in PostgreSQL.
 */
export const priorities = defineKind({
	type: 'priorities',
	settings: ['categories', 'top', 'placedBy'],
	opens: ['priority.place'],
	phone: ['priorities']
});
