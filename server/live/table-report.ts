import { CommandError } from '../../src/lib/protocol/errors.ts';
import { CONTRIBUTIONS_MAX } from '../../src/lib/protocol/tables.ts';
import { can } from '../../src/lib/domain/permissions/roles.ts';
import { readNotes } from '../../src/lib/domain/board/notes.ts';
import { tableSectionId } from '../../src/lib/domain/tables/areas.ts';
import type { Queryable } from '../db/db.ts';
import { listParticipants } from '../db/repositories/participants.ts';
import { lockPlan, readContributions, readSeating, readTables, setContribution, setReporter } from '../db/repositories/tables.ts';
import type { Actor } from '../auth/actor.ts';
import { recorded } from './command.ts';
import { catchUpFromStore } from '../sync/catch-up.ts';
import { pushed } from './tables.ts';

/**
 * Table reporters (issue 13, item 3): each table names a reporter, who picks up to
 * CONTRIBUTIONS_MAX notes of the table's area as its contribution to the plenary.
 */

/** The table's current members (removed people excluded), or not_found. */
async function membersOf(db: Queryable, workshopId: string, tableId: string): Promise<{ members: string[]; reporterId: string | null }> {
	const table = (await readTables(db, workshopId)).find((t) => t.id === tableId);
	if (!table) throw new CommandError('not_found', 'no such table in this workshop');
	const present = new Set((await listParticipants(db, workshopId)).map((p) => p.id));
	const members = ((await readSeating(db, workshopId))[tableId] ?? []).filter((id) => present.has(id));
	return { members, reporterId: table.reporterId };
}

const manages = (actor: Actor) => can(actor.role, 'workshop.manage');

/** A facilitator names anyone at the table; a member of the table names one of its members (or nobody). */
export const tableReporter = recorded('table.reporter', async ({ input, actor, workshopId, deps, transact }) => {
	const value = await transact(async (tx) => {
		await lockPlan(tx, workshopId);
		const { members } = await membersOf(tx, workshopId, input.tableId);
		if (!manages(actor) && !members.includes(actor.id)) throw new CommandError('forbidden', 'only the members of a table name its reporter');
		if (input.participantId !== null && !members.includes(input.participantId)) throw new CommandError('invalid_input', 'participantId: the reporter sits at this table');
		await setReporter(tx, workshopId, input.tableId, input.participantId);
		return { tableId: input.tableId, reporterId: input.participantId };
	});
	pushed(deps, workshopId);
	return value;
});

/** The table's reporter (or a facilitator) picks a note of the table's area, or drops it. */
export const tablePick = recorded('table.pick', async ({ input, actor, workshopId, deps, transact }) => {
	// The board is read before the transaction (see RecordedContext.transact).
	const inArea = await deps.rooms.with(workshopId, async (room) => {
		const found = () => readNotes(room.doc).some((n) => n.id === input.noteId && n.sectionId === tableSectionId(input.tableId));
		const here = found();
		if (!input.picked || here) return here;
		// The note may have been written on another instance and not reached this one's board yet.
		// Reading the stored board back costs: only for whoever may pick (checked again below).
		const reporterId = (await readTables(deps.db, workshopId)).find((t) => t.id === input.tableId)?.reporterId;
		if (!manages(actor) && reporterId !== actor.id) return false;
		await catchUpFromStore(deps.db, room);
		return found();
	});
	const value = await transact(async (tx) => {
		await lockPlan(tx, workshopId);
		const { reporterId } = await membersOf(tx, workshopId, input.tableId);
		if (!manages(actor) && reporterId !== actor.id) throw new CommandError('forbidden', "only the table's reporter picks its contributions");
		const picks = (await readContributions(tx, workshopId))[input.tableId] ?? [];
		if (input.picked && !picks.includes(input.noteId)) {
			if (!inArea) throw new CommandError('not_found', "no such note in this table's area");
			if (picks.length >= CONTRIBUTIONS_MAX) throw new CommandError('over_cap', `a table contributes at most ${CONTRIBUTIONS_MAX} notes`);
		}
		await setContribution(tx, workshopId, input.tableId, input.noteId, input.picked);
		return { tableId: input.tableId, picks: (await readContributions(tx, workshopId))[input.tableId] ?? [] };
	});
	pushed(deps, workshopId);
	return value;
});
