import type { TimerStatus } from '../agenda/timer.ts';
import { phaseOnScreen } from '../phases/gate.ts';
import { kindOf } from '../phases/registry.ts';

/**
 * Whether the phone and the projector show the decisions now: while a phase whose kind shows
 * them runs (or is paused), and once the workshop has ended (what the room committed to stays
 * in view). The facilitator's panel is always reachable.
 */
export function decisionsShown(status: TimerStatus, phase: { id: string; type: string } | null): boolean {
	if (status === 'ended') return true;
	const on = phaseOnScreen(status, phase);
	return on !== null && kindOf(on.type).showsDecisions;
}
