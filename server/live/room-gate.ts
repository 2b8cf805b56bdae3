import { CommandError } from '../../src/lib/protocol/errors.ts';
import { roomGate, type Gate } from '../../src/lib/domain/phases/gate.ts';
import type { RoomAction } from '../../src/lib/domain/phases/kind.ts';
import { readRoomRules, type RoomRules } from '../db/repositories/agenda.ts';
import { readRoomRulesShared } from '../db/turn-reads.ts';
import type { Actor } from '../auth/actor.ts';
import type { CommandDeps } from './command.ts';
import type { Queryable } from '../db/db.ts';

/** The room's one rule (the phase kind's) applied to a connected person: what the phone asks too. */
export function actorGate(actor: Pick<Actor, 'role' | 'category'>, rules: RoomRules, action: RoomAction): Gate {
	return roomGate(action, { role: actor.role, category: actor.category, ...rules });
}

/** Reads the room's rules and refuses the command with the gate's code unless `action` is open to `actor` now. */
export async function requireOpen(
	deps: Pick<CommandDeps, 'db' | 'turnRules'>,
	actor: Actor,
	workshopId: string,
	action: RoomAction
): Promise<{ rules: RoomRules; gate: Extract<Gate, { ok: true }> }> {
	const rules = deps.turnRules ?? (await readRoomRulesShared(deps.db, workshopId));
	const gate = actorGate(actor, rules, action);
	if (!gate.ok) throw new CommandError(gate.code, gate.message);
	return { rules, gate };
}

type Phase = NonNullable<RoomRules['phase']>;

/**
 * The phase of `type` on now, if `action` is open to `actor` in it; otherwise refused with the
 * gate's code (or `phase_closed` when another kind of phase is on). For commands stored as rows
 * (votes, placements), checked again inside their transaction with `requireStillOpen`.
 */
export async function requirePhase(db: Queryable, actor: Actor, workshopId: string, action: RoomAction, type: string): Promise<Phase> {
	const rules = await readRoomRules(db, workshopId);
	const gate = actorGate(actor, rules, action);
	if (!gate.ok) throw new CommandError(gate.code, gate.message);
	if (rules.phase?.type !== type) throw new CommandError('phase_closed', `no ${type} phase is on`);
	return rules.phase;
}

/** Inside the command's transaction: the phase may have closed (or its settings changed) since `requirePhase`; returns it as it is now. */
export async function requireStillOpen(tx: Queryable, actor: Actor, workshopId: string, action: RoomAction, phaseId: string, message: string): Promise<Phase> {
	const now = await readRoomRules(tx, workshopId);
	if (now.phase?.id !== phaseId || !actorGate(actor, now, action).ok) throw new CommandError('phase_closed', message);
	return now.phase;
}
