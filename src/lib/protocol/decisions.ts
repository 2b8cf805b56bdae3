import type { DecisionDraft, Owner } from '../domain/decisions/decision.ts';

/**
 * Decisions and commitments over `/live` (facilitators only; everyone else hears `forbidden`).
 * Every change is recorded in the decision's history and pushed to every screen of the
 * workshop as a `decisions` event (see {@link DecisionsView}).
 */

/** Writes a decision: without `id` a new one (its id is the command's), placed last; with `id` that decision. */
export interface DecisionSaveInput {
	commandId: string;
	decision: DecisionDraft;
}
export interface DecisionDeleteInput {
	commandId: string;
	decisionId: string;
}
/** Moves a decision to `position` (0 = first) in the list; past the end means last. */
export interface DecisionMoveInput {
	commandId: string;
	decisionId: string;
	position: number;
}
/** Replaces the workshop's owners by this list, in order (owners without `id` are new). */
export interface OwnersSaveInput {
	commandId: string;
	owners: (Omit<Owner, 'id'> & { id?: string })[];
}

export interface DecisionCommands {
	'decision.save': { input: DecisionSaveInput; result: { decisionId: string } };
	'decision.delete': { input: DecisionDeleteInput; result: { decisionId: string } };
	'decision.move': { input: DecisionMoveInput; result: { decisionId: string } };
	'owners.save': { input: OwnersSaveInput; result: { ownerIds: string[] } };
}
