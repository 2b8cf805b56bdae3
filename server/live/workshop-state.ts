import type { Queryable } from '../db/db.ts';
import { readAgenda, readClock, type AgendaPhase } from '../db/repositories/agenda.ts';
import { countHiddenNotes } from '../db/repositories/hidden-notes.ts';
import type { PhaseView, WorkshopState } from '../../src/lib/protocol/live.ts';

const ms = (d: Date | null): number | null => (d === null ? null : d.getTime());

/**
 * A phase as the live channel sends it to the whole room. The facilitator's note is left out:
 * the room's state goes to participants, observers and the projector alike.
 */
export function toPhaseView(p: AgendaPhase): PhaseView {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { facilitatorNote, ...shown } = p;
	return { ...shown, startedAt: ms(p.startedAt), endedAt: ms(p.endedAt) };
}

/** What every client of a workshop is told of its agenda, clock and controls. */
export async function readWorkshopState(db: Queryable, workshopId: string, now = Date.now()): Promise<WorkshopState> {
	const [phases, clock, hiddenNotes] = await Promise.all([
		readAgenda(db, workshopId),
		readClock(db, workshopId),
		countHiddenNotes(db, workshopId)
	]);
	return { serverNow: now, phases: phases.map(toPhaseView), timer: clock.timer, locked: clock.locked, hiddenNotes };
}
