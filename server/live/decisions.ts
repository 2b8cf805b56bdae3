import { randomUUID } from 'node:crypto';
import { CommandError } from '../../src/lib/protocol/errors.ts';
import { DECISION_LIMITS, normaliseCommits, publicOwners, type DecisionsView, type Owner } from '../../src/lib/domain/decisions/decision.ts';
import type { Queryable } from '../db/db.ts';
import {
	countDecisions,
	deleteDecision,
	findDecision,
	moveDecision,
	readDecisions,
	readOwners,
	saveDecision,
	saveOwners
} from '../db/repositories/decisions.ts';
import { lockWorkshopStatus } from '../db/repositories/workshops.ts';
import { control, type CommandDeps } from './command.ts';

/**
 * Decisions and commitments, and the owners they go back to: facilitators' controls (the
 * workshop's row locked, the change, its log line, its history row and the command's record
 * commit together), then every screen gets the new list.
 */
const pushDecisions = async (deps: CommandDeps, workshopId: string) => deps.notify.decisions(workshopId);

/** The decisions and owners as facilitators see them (with the owners' e-mails). */
export async function readDecisionsView(db: Queryable, workshopId: string): Promise<DecisionsView & { owners: Owner[] }> {
	const [decisions, owners] = await Promise.all([readDecisions(db, workshopId), readOwners(db, workshopId)]);
	return { decisions, owners };
}

/** What the room (participants, editors, observers) is sent: the owners without their e-mails. */
export const roomView = (view: DecisionsView & { owners: Owner[] }): DecisionsView => ({ ...view, owners: publicOwners(view.owners) });

const notFound = () => new CommandError('not_found', 'no such decision in this workshop');

/**
 * Once closed, the decisions are what the owners answer: they no longer change (the owners
 * stay editable, so a new owner can be added and sent a link). The workshop's row is locked,
 * so a closing and an edit take turns.
 */
async function mustNotBeClosed(tx: Queryable, workshopId: string): Promise<void> {
	if ((await lockWorkshopStatus(tx, workshopId)) === 'closed') throw new CommandError('phase_closed', 'the workshop is closed: its decisions went to the owners');
}

export const decisionSave = control(
	'decision.save',
	async ({ input, actor, workshopId, tx }) => {
		await mustNotBeClosed(tx, workshopId);
		const { id: given, ...fields } = input.decision;
		if (given !== undefined && !(await findDecision(tx, workshopId, given))) throw notFound();
		if (given === undefined && (await countDecisions(tx, workshopId)) >= DECISION_LIMITS.decisions)
			throw new CommandError('too_large', `a workshop holds at most ${DECISION_LIMITS.decisions} decisions`);
		const decisionId = given ?? input.commandId;
		const action = await saveDecision(tx, workshopId, { id: decisionId, ...fields, commits: normaliseCommits(fields.commits) }, actor.id);
		return { value: { decisionId }, log: { action: `decision.${action}`, detail: { decisionId } } };
	},
	pushDecisions
);

export const decisionDelete = control(
	'decision.delete',
	async ({ input, actor, workshopId, tx }) => {
		await mustNotBeClosed(tx, workshopId);
		if (!(await deleteDecision(tx, workshopId, input.decisionId, actor.id))) throw notFound();
		return { value: { decisionId: input.decisionId }, log: { action: 'decision.delete', detail: { decisionId: input.decisionId } } };
	},
	pushDecisions
);

export const decisionMove = control(
	'decision.move',
	async ({ input, actor, workshopId, tx }) => {
		await mustNotBeClosed(tx, workshopId);
		if (!(await moveDecision(tx, workshopId, input.decisionId, input.position, actor.id))) throw notFound();
		return {
			value: { decisionId: input.decisionId },
			log: { action: 'decision.move', detail: { decisionId: input.decisionId, position: input.position } }
		};
	},
	pushDecisions
);

export const ownersSave = control(
	'owners.save',
	async ({ input, workshopId, tx }) => {
		// A retry of this command answers its first result, so fresh ids are made once.
		const owners = input.owners.map((o) => ({ ...o, id: o.id ?? randomUUID() }));
		await saveOwners(tx, workshopId, owners);
		return { value: { ownerIds: owners.map((o) => o.id) }, log: { action: 'owners.save', detail: { owners: owners.length } } };
	},
	pushDecisions
);
