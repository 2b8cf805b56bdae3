import { CommandError } from '../../src/lib/protocol/errors.ts';
import { readRoomRules, saveAgenda } from '../db/repositories/agenda.ts';
import { countHiddenNotes } from '../db/repositories/hidden-notes.ts';
import { control } from './command.ts';
import { revealWaiting } from './reveal.ts';
import { retime } from '../../src/lib/domain/agenda/timer.ts';
import { kindOf } from '../../src/lib/domain/phases/registry.ts';
import { PHASE_EFFECTS, clockChange } from './phase-controls.ts';

/** Lock or unlock the board: while locked, participants' writes are refused. */
export const boardLock = control('board.lock', (ctx) => ({
	value: { ok: true as const },
	clock: { ...ctx.clock, locked: ctx.input.locked },
	log: { action: ctx.input.locked ? 'board.lock' : 'board.unlock' }
}));

/** "Everyone look here": every screen of the workshop is asked for attention. */
export const roomAttention = control(
	'room.attention',
	() => ({ value: { ok: true as const }, log: { action: 'room.attention' } }),
	async (deps, workshopId) => deps.notify.attention(workshopId)
);

/**
 * Reveal a silent phase's notes now. Later notes of the same phase are written at once; the
 * next phase change resets that. The count answered is of notes waiting at the time.
 */
export const phaseReveal = control(
	'phase.reveal',
	async (ctx) => {
		const revealed = await countHiddenNotes(ctx.tx, ctx.workshopId);
		return { value: { revealed }, clock: { ...ctx.clock, revealed: true }, log: { action: 'phase.reveal' } };
	},
	revealWaiting
);

/**
 * The facilitator edits the agenda live (reorder, add, shorten, remove). The phase that is on
 * cannot be removed: the clock follows it by id. A new duration of the phase that is on moves
 * its end (cut to now if it is shorter than the time already spent). The running phase's kind
 * runs its start effects again, so new poles of a positioning phase reach its scale at once.
 */
export const agendaSave = control(
	'agenda.save',
	async (ctx) => {
		const current = ctx.clock.timer.phase;
		if (current !== null && ctx.clock.timer.status !== 'ended' && !ctx.input.phases.some((p) => p.id === current))
			throw new CommandError('conflict', 'the phase that is on cannot be removed');
		await saveAgenda(ctx.tx, ctx.workshopId, ctx.input.phases);
		const log = { action: 'agenda.save', detail: { phases: ctx.input.phases.length } };
		const retimed = retime(ctx.clock.timer, ctx.agenda, ctx.input.phases, ctx.now.getTime());
		if (!retimed) return { value: { ok: true as const }, log, agendaChanged: true };
		return { ...clockChange(ctx, retimed, 'agenda.save', log.detail), agendaChanged: true };
	},
	// The phase as saved (its type or settings may have just changed), read back after the commit.
	async (deps, workshopId) => {
		const rules = await readRoomRules(deps.db, workshopId);
		if (!rules.phase || rules.status === 'ended') return;
		for (const effect of kindOf(rules.phase.type).onStart) await PHASE_EFFECTS[effect](deps, workshopId, null);
	}
);
