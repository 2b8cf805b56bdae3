import type { ItemMedian, MatrixPoint, PriorityItem } from '../domain/priorities/matrix.ts';

/**
 * Priorities over `/live`: the top items of the last revealed vote placed on a desirability ×
 * feasibility matrix, then confirmed by the facilitator. Placements are not secret (they are
 * where the room stands): every screen hears their medians as `priorities.state`.
 */

/** Places (or moves) one item on the matrix, 0 to 100 on each axis. */
export interface PriorityPlaceInput {
	commandId: string;
	itemId: string;
	desirability: number;
	feasibility: number;
}
export interface PriorityPlaceResult {
	itemId: string;
	desirability: number;
	feasibility: number;
}

/** The facilitator confirms the priorities, in order (an empty list clears them). */
export interface PriorityConfirmInput {
	commandId: string;
	itemIds: string[];
}

export interface PriorityCommands {
	'priority.place': { input: PriorityPlaceInput; result: PriorityPlaceResult };
	'priority.confirm': { input: PriorityConfirmInput; result: { itemIds: string[] } };
}

/**
 * The priorities phase on, or else the last one placed or confirmed in: its items (in the
 * vote's parity order, with their labels), each item's median placement overall and by
 * collège, how many people placed, and the confirmed priorities in order.
 */
export interface PrioritiesState {
	phaseId: string;
	placedBy: 'participants' | 'facilitator';
	items: PriorityItem[];
	medians: ItemMedian[];
	placers: number;
	confirmed: PriorityItem[];
}

/** One's own placements in that phase (to one's own sockets only). */
export interface MyPlacements {
	phaseId: string;
	placements: Record<string, MatrixPoint>;
}

export interface PriorityEvents {
	'priorities.state': PrioritiesState | null;
	'priorities.mine': MyPlacements;
}
