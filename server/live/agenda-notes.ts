import { readAgenda } from '../db/repositories/agenda.ts';
import { mustManage, query } from './command.ts';

/**
 * The facilitator's notes of the agenda, by phase id (facilitators only). The room's live state
 * never carries them (see toPhaseView), so the agenda form asks for them here.
 */
export const agendaNotes = query('agenda.notes', async ({ actor, workshopId, deps }): Promise<Record<string, string>> => {
	mustManage(actor);
	const phases = await readAgenda(deps.db, workshopId);
	return Object.fromEntries(phases.flatMap((p) => (p.facilitatorNote ? [[p.id, p.facilitatorNote]] : [])));
});
