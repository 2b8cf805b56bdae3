import { CommandError } from '../../src/lib/protocol/errors.ts';
import { roomGate, type Gate } from '../../src/lib/domain/phases/gate.ts';
import type { RoomAction } from '../../src/lib/domain/phases/kind.ts';
import { readRoomRules, type RoomRules } from '../db/repositories/agenda.ts';
import type { Actor } from '../auth/actor.ts';
import type { CommandDeps } from './command.ts';

/** The room's one rule (the phase kind's) applied to a connected person: what the phone asks too. */
export function actorGate(actor: Pick<Actor, 'role' | 'category'>, rules: RoomRules, action: RoomAction): Gate {
	return roomGate(action, { role: actor.role, category: actor.category, ...rules });
}

/** Reads the room's rules and refuses the command with the gate's code unless `action` is open to `actor` now. */
export async function requireOpen(
	deps: Pick<CommandDeps, 'db'>,
	actor: Actor,
	workshopId: string,
	action: RoomAction
): Promise<{ rules: RoomRules; gate: Extract<Gate, { ok: true }> }> {
	const rules = await readRoomRules(deps.db, workshopId);
	const gate = actorGate(actor, rules, action);
	if (!gate.ok) throw new CommandError(gate.code, gate.message);
	return { rules, gate };
}
