import { gatherContributions } from '../../src/lib/domain/tables/plenary.ts';
import { readContributions, readTables } from '../db/repositories/tables.ts';
import type { CommandDeps, ControlChange } from './command.ts';
import { LIVE_ORIGIN } from '../sync/origins.ts';
import { catchUpFromStore } from '../sync/catch-up.ts';
import { hasNote } from '../../src/lib/domain/board/notes.ts';

/**
 * A plenary phase starts (issue 13, item 4): the server, never a client, copies every table's
 * contribution into the phase's shared area, each copy naming its table. Runs again harmlessly
 * (a phase started again, a retry after a crash): a contribution already gathered is not copied
 * twice, because its copy's id is made from the picked note's. Returns how many it copied.
 */
export async function gatherPlenary(deps: CommandDeps, workshopId: string, change: ControlChange | null): Promise<number> {
	const phase = change?.agenda.find((p) => p.id === change.after.timer.phase);
	if (!phase) return 0;
	const [tables, picks] = await Promise.all([readTables(deps.db, workshopId), readContributions(deps.db, workshopId)]);
	const contributing = tables.map((t) => ({ id: t.id, name: t.name, picks: picks[t.id] ?? [] }));
	if (contributing.every((t) => t.picks.length === 0)) return 0;
	return deps.rooms.with(workshopId, async (room) => {
		// A pick written and picked on another instance is stored (its command was acknowledged), but
		// may not have reached this instance's board yet (Redis away or slow): read it back first, or
		// the plenary would leave it out for good.
		if (contributing.some((t) => t.picks.some((id) => !hasNote(room.doc, id)))) await catchUpFromStore(deps.db, room);
		const written = gatherContributions(room.doc, { id: phase.id, title: phase.title }, contributing, Date.now(), LIVE_ORIGIN);
		// Stored before the phase change is answered: a crash now cannot lose the copies.
		if (written.length > 0) await room.log.stored();
		return written.length;
	});
}
