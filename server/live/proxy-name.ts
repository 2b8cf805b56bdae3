import { CommandError } from '../../src/lib/protocol/errors.ts';
import { can } from '../../src/lib/domain/permissions/roles.ts';
import { notesOf, readNote, PROXY_NAME_MAX } from '../../src/lib/domain/board/notes.ts';
import { cleanLabel } from '../../src/lib/domain/workshop/categories.ts';
import { setProxyName } from '../db/repositories/proxy-names.ts';
import { recorded } from './command.ts';

/**
 * A facilitator names the person a proxy note was written for (or forgets the name). The name
 * stays on the server and goes to facilitators' screens only: phones and the projector receive
 * the board document, which never holds it.
 */
export const noteProxyName = recorded('note.proxyName', async ({ input, actor, workshopId, deps, transact }) => {
	if (!can(actor.role, 'workshop.manage')) throw new CommandError('forbidden', 'only a facilitator of this workshop names a proxy note');
	const name = input.name.trim() === '' ? null : cleanLabel(input.name, PROXY_NAME_MAX);
	if (name === null && input.name.trim() !== '') throw new CommandError('invalid_input', `a name has 1 to ${PROXY_NAME_MAX} characters`);
	const note = await deps.rooms.with(workshopId, (room) => {
		const m = notesOf(room.doc).get(input.noteId);
		return m ? readNote(input.noteId, m) : null;
	});
	if (!note?.proxy) throw new CommandError('not_found', 'no proxy note with this id');
	const value = await transact(async (tx) => {
		await setProxyName(tx, workshopId, input.noteId, name);
		return { noteId: input.noteId };
	});
	deps.notify.proxyNames(workshopId);
	return value;
});
