import { CommandError } from '../../src/lib/protocol/errors.ts';
import { can } from '../../src/lib/domain/permissions/roles.ts';
import { clampPosition, notesInSection } from '../../src/lib/domain/board/notes.ts';
import { sectionSlot } from '../../src/lib/domain/board/layout.ts';
import { ensureTableArea } from '../../src/lib/domain/tables/areas.ts';
import { listParticipants } from '../db/repositories/participants.ts';
import { readSeating, readTables } from '../db/repositories/tables.ts';
import { requireOpen } from './room-gate.ts';
import { command } from './command.ts';
import { checkNewNote, writeNote } from './note-add.ts';
import { LIVE_ORIGIN } from '../sync/origins.ts';

/**
 * A note written into a table's own area of the board (issue 13, item 2). A participant writes
 * into their own table's area only: another table's is refused and nothing changes. A
 * facilitator writes into any. The room's rules apply as for any note (lock, phase, collège).
 */
export const tableNoteAdd = command('table.note.add', async ({ input, actor, workshopId, room, deps, now }) => {
	const { text, author, retry } = checkNewNote(actor, room, input.commandId, input.text);
	const noteId = input.commandId;
	if (retry) return { noteId, tableId: input.tableId };
	const { gate } = await requireOpen(deps, actor, workshopId, 'note.add');
	// A silent phase keeps notes off the board until the reveal, which places them in the phase's section.
	if (gate.hidden) throw new CommandError('phase_closed', 'a silent phase keeps notes hidden: table areas take notes once it is revealed');
	const tables = await readTables(deps.db, workshopId);
	const index = tables.findIndex((t) => t.id === input.tableId);
	if (index === -1) throw new CommandError('not_found', 'no such table in this workshop');
	const present = new Set((await listParticipants(deps.db, workshopId)).map((p) => p.id));
	const members = ((await readSeating(deps.db, workshopId))[input.tableId] ?? []).filter((id) => present.has(id));
	if (!can(actor.role, 'workshop.manage') && !members.includes(actor.id))
		throw new CommandError('forbidden', "you can write only into your own table's area");

	const area = ensureTableArea(room.doc, { id: input.tableId, name: tables[index].name, index, memberIds: members }, LIVE_ORIGIN);
	const slot = sectionSlot(area, notesInSection(room.doc, area.id));
	const at = clampPosition(slot.x, slot.y);
	writeNote(room, { id: noteId, text, at, author, anonymous: gate.anonymous, sectionId: area.id }, now);
	return { noteId, tableId: input.tableId };
});
