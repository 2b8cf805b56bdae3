import { CommandError } from '../../src/lib/protocol/errors.ts';
import { back, extend, pause, resume, skip, start, type TimerResult } from '../../src/lib/domain/agenda/timer.ts';
import { control, type CommandDeps, type ControlChange, type ControlContext, type ControlOutcome } from './command.ts';
import { revealWaiting } from './reveal.ts';
import { prepareScale } from './marker-place.ts';
import { versionAtPhaseEnd } from './versions.ts';
import { revealLeftVote } from './votes.ts';
import { revealLeftPoll } from './polls.ts';
import { gatherPlenary } from './plenary.ts';
import { importAtStart } from '../templates/carry-over.ts';
import type { CommandName, ControlResult } from '../../src/lib/protocol/live.ts';
import { effectsOfMove } from '../../src/lib/domain/phases/effects.ts';
import type { PhaseEffect } from '../../src/lib/domain/phases/kind.ts';

const MESSAGES = {
	not_started: 'the workshop has not started',
	already_started: 'the workshop has already started',
	not_running: 'no phase is running',
	not_paused: 'the phase is not paused',
	no_previous_phase: 'this is the first phase',
	ended: 'the workshop has ended',
	no_phase: 'the agenda has no phase'
} as const;

/** Applies a clock change; a new phase (or the same one restarted) is not yet revealed. */
export function clockChange<N extends CommandName>(
	ctx: ControlContext<N>,
	result: TimerResult & { cut?: boolean },
	action: string,
	detail?: Record<string, unknown>
): ControlOutcome<ControlResult> {
	if (!result.ok) throw new CommandError('conflict', MESSAGES[result.error]);
	const moved = result.state.phase !== ctx.clock.timer.phase || result.state.startedAt !== ctx.clock.timer.startedAt;
	return {
		value: result.cut ? { ok: true, cut: true } : { ok: true },
		clock: { ...ctx.clock, timer: result.state, revealed: moved ? false : ctx.clock.revealed },
		log: { action, detail }
	};
}

/** The server's code for each effect a phase kind asks for when it starts or is left. */
export const PHASE_EFFECTS: Record<PhaseEffect, (deps: CommandDeps, workshopId: string, change: ControlChange | null) => Promise<unknown>> = {
	'reveal-notes': revealWaiting,
	'prepare-scale': prepareScale,
	'reveal-votes': revealLeftVote,
	'reveal-poll': revealLeftPoll,
	'gather-plenary': gatherPlenary
};

/**
 * After a phase change: what the kinds ask for (leaving a silent phase reveals what it held, a
 * positioning phase gets its scale), then the board as the phase left it (revealed notes
 * included) is saved as a version. One failing effect does not stop the others. The first
 * start of a later session of a series imports the earlier sessions' notes written since it
 * was created (from the sessions the facilitator who started it facilitates).
 */
async function phaseChanged(deps: CommandDeps, workshopId: string, change: ControlChange): Promise<void> {
	const effects = effectsOfMove(change.before.timer, change.after.timer, change.agenda);
	const done: PromiseSettledResult<unknown>[] = [];
	const firstStart = change.before.timer.status === 'idle' && change.after.timer.status === 'running';
	if (firstStart) done.push(...(await Promise.allSettled([importAtStart(deps, workshopId, Date.now(), change.actorId)])));
	for (const effect of effects) done.push(...(await Promise.allSettled([PHASE_EFFECTS[effect](deps, workshopId, change)])));
	done.push(...(await Promise.allSettled([versionAtPhaseEnd(deps, workshopId, change)])));
	const failed = done.find((d) => d.status === 'rejected');
	if (failed) throw failed.reason;
}

const ms = (ctx: ControlContext<CommandName>) => ctx.now.getTime();

// Every move of the clock runs the phase kinds' effects, then saves the phase left as a version.
export const phaseStart = control('phase.start', (ctx) => clockChange(ctx, start(ctx.clock.timer, ctx.agenda, ms(ctx)), 'phase.start'), phaseChanged);
export const phasePause = control('phase.pause', (ctx) => clockChange(ctx, pause(ctx.clock.timer, ms(ctx)), 'phase.pause'));
export const phaseResume = control('phase.resume', (ctx) => clockChange(ctx, resume(ctx.clock.timer, ms(ctx)), 'phase.resume'));
export const phaseExtend = control('phase.extend', (ctx) =>
	clockChange(ctx, extend(ctx.clock.timer, ctx.input.minutes, ms(ctx)), 'phase.extend', { minutes: ctx.input.minutes })
);
export const phaseSkip = control('phase.skip', (ctx) => clockChange(ctx, skip(ctx.clock.timer, ctx.agenda, ms(ctx)), 'phase.skip'), phaseChanged);
export const phaseBack = control('phase.back', (ctx) => clockChange(ctx, back(ctx.clock.timer, ctx.agenda, ms(ctx)), 'phase.back'), phaseChanged);
