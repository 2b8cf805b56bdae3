import { CommandError } from '../../src/lib/protocol/errors.ts';
import { back, extend, pause, resume, skip, start, type TimerResult } from '../../src/lib/domain/agenda/timer.ts';
import { control, type CommandDeps, type ControlContext, type ControlOutcome } from './command.ts';
import { revealWaiting } from './reveal.ts';
import { prepareScale } from './marker-place.ts';
import type { CommandName, ControlResult } from '../../src/lib/protocol/live.ts';

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
function clockChange<N extends CommandName>(ctx: ControlContext<N>, result: TimerResult, action: string, detail?: Record<string, unknown>): ControlOutcome<ControlResult> {
	if (!result.ok) throw new CommandError('conflict', MESSAGES[result.error]);
	const moved = result.state.phase !== ctx.clock.timer.phase || result.state.startedAt !== ctx.clock.timer.startedAt;
	return {
		value: { ok: true },
		clock: { ...ctx.clock, timer: result.state, revealed: moved ? false : ctx.clock.revealed },
		log: { action, detail }
	};
}

/** After a phase change: reveal what the silent phase held, and have a positioning phase's scale ready. */
async function phaseChanged(deps: CommandDeps, workshopId: string): Promise<void> {
	const done = await Promise.allSettled([revealWaiting(deps, workshopId), prepareScale(deps, workshopId)]);
	const failed = done.find((d) => d.status === 'rejected');
	if (failed) throw failed.reason;
}

const ms = (ctx: ControlContext<CommandName>) => ctx.now.getTime();

// Leaving a silent phase reveals what was written in it: nothing stays hidden by accident.
// Entering a positioning phase makes its scale.
export const phaseStart = control('phase.start', (ctx) => clockChange(ctx, start(ctx.clock.timer, ctx.agenda, ms(ctx)), 'phase.start'), phaseChanged);
export const phasePause = control('phase.pause', (ctx) => clockChange(ctx, pause(ctx.clock.timer, ms(ctx)), 'phase.pause'));
export const phaseResume = control('phase.resume', (ctx) => clockChange(ctx, resume(ctx.clock.timer, ms(ctx)), 'phase.resume'));
export const phaseExtend = control('phase.extend', (ctx) =>
	clockChange(ctx, extend(ctx.clock.timer, ctx.input.minutes, ms(ctx)), 'phase.extend', { minutes: ctx.input.minutes })
);
export const phaseSkip = control('phase.skip', (ctx) => clockChange(ctx, skip(ctx.clock.timer, ctx.agenda, ms(ctx)), 'phase.skip'), phaseChanged);
export const phaseBack = control('phase.back', (ctx) => clockChange(ctx, back(ctx.clock.timer, ctx.agenda, ms(ctx)), 'phase.back'), phaseChanged);
