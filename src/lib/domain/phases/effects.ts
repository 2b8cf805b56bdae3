import type { TimerState } from '../agenda/timer.ts';
import type { PhaseEffect } from './kind.ts';
import { kindOf } from './registry.ts';

/**
 * What the server runs when the clock moves: the left phase's kind's `onLeave`, then the
 * entered phase's kind's `onStart`. A phase started again (back to it) counts as left and
 * entered; ending the workshop leaves the last phase; nothing runs when the clock did not move.
 */
export function effectsOfMove(
	before: TimerState,
	after: TimerState,
	agenda: readonly { id: string; type: string; settings?: { plenary?: boolean } }[]
): PhaseEffect[] {
	const moved = before.phase !== after.phase || before.startedAt !== after.startedAt || before.status !== after.status;
	if (!moved) return [];
	const typeOf = (id: string | null) => agenda.find((p) => p.id === id)?.type;
	const leftType = before.status === 'ended' || before.status === 'idle' ? undefined : typeOf(before.phase);
	const enteredType = after.status === 'ended' || after.status === 'idle' ? undefined : typeOf(after.phase);
	// A pause or a resume changes the status only: the phase is neither left nor entered.
	if (leftType !== undefined && enteredType !== undefined && before.phase === after.phase && before.startedAt === after.startedAt) return [];
	// A plenary (a setting, not a kind) gathers the tables' contributions when it starts.
	const plenary = enteredType !== undefined && agenda.find((p) => p.id === after.phase)?.settings?.plenary === true;
	const effects: PhaseEffect[] = [
		...(leftType ? kindOf(leftType).onLeave : []),
		...(enteredType ? kindOf(enteredType).onStart : []),
		...(plenary ? (['gather-plenary'] as const) : [])
	];
	return [...new Set(effects)];
}
