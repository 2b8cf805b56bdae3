import { CommandError } from '../../src/lib/protocol/errors.ts';
import type { PhaseSettings } from '../../src/lib/domain/phases/settings.ts';
import type { Queryable } from '../db/db.ts';
import { readAgenda, readRoomRules } from '../db/repositories/agenda.ts';
import { control, type CommandDeps, type ControlChange, type Runner } from './command.ts';

/**
 * What dot votes and quick polls share: their contents stay secret until a reveal (by the
 * facilitator, or on leaving the phase), and the screens keep showing the last revealed one.
 */

/**
 * The phase of `type` the screens show: the one on (running or paused), or else the last one
 * revealed (its results stay up through the phases that follow), or none.
 */
export async function phaseShown(
	db: Queryable,
	workshopId: string,
	type: string,
	revealedPhases: (db: Queryable, workshopId: string) => Promise<string[]>
): Promise<{ id: string; settings: PhaseSettings } | null> {
	const rules = await readRoomRules(db, workshopId);
	if (rules.phase?.type === type && (rules.status === 'running' || rules.status === 'paused')) return rules.phase;
	const revealed = await revealedPhases(db, workshopId);
	if (revealed.length === 0) return null;
	const last = revealed[revealed.length - 1];
	const phase = (await readAgenda(db, workshopId)).find((p) => p.id === last);
	return phase ? { id: phase.id, settings: phase.settings } : { id: last, settings: {} };
}

type Reveal = (db: Queryable, workshopId: string, phaseId: string) => Promise<boolean>;

/** The facilitator's reveal of the phase of `type` on; `after` pushes the new state. */
export function revealControl(name: 'vote.reveal' | 'poll.reveal', type: string, reveal: Reveal, after: (deps: CommandDeps, workshopId: string) => void): Runner {
	return control(
		name,
		async (ctx) => {
			const phase = ctx.agenda.find((p) => p.id === ctx.clock.timer.phase);
			if (!phase || phase.type !== type || ctx.clock.timer.status === 'ended' || ctx.clock.timer.status === 'idle')
				throw new CommandError('conflict', `no ${type} phase is on`);
			return { value: { revealed: await reveal(ctx.tx, ctx.workshopId, phase.id) }, log: { action: name } };
		},
		async (deps, workshopId) => after(deps, workshopId)
	);
}

/** The effect of leaving a phase of `type`: its contents are revealed (nothing stays secret by accident). */
export function revealOnLeave(type: string, reveal: Reveal, after: (deps: CommandDeps, workshopId: string) => void) {
	return async (deps: CommandDeps, workshopId: string, change: ControlChange | null): Promise<void> => {
		const left = change?.agenda.find((p) => p.id === change.before.timer.phase);
		if (left?.type !== type) return;
		await reveal(deps.db, workshopId, left.id);
		after(deps, workshopId);
	};
}
