import { CommandError } from '../../src/lib/protocol/errors.ts';
import { can } from '../../src/lib/domain/permissions/roles.ts';
import {
	NOTE_TEXT_MAX,
	cleanNoteText,
	clampPosition,
	hasNote,
	insertNote,
	nextNotePosition,
	notesOf,
	readNote
} from '../../src/lib/domain/board/notes.ts';
import { command } from './command.ts';

/**
 * A participant (or anyone allowed) adds a note. The note's id is the command's id, so a
 * command retried after a crash between storing and recording cannot add a second note.
 */
export const noteAdd = command('note.add', ({ input, actor, room, now }) => {
	// The category test repeats the table's answer for observers, so the note's type stays narrow.
	if (!can(actor.role, 'note.add') || actor.category === 'observer') throw new CommandError('forbidden', 'your role cannot add notes');
	const text = cleanNoteText(input.text);
	if (text === null) throw new CommandError('invalid_input', `a note needs 1 to ${NOTE_TEXT_MAX} characters`);
	const noteId = input.commandId;
	if (hasNote(room.doc, noteId)) {
		const existing = readNote(noteId, notesOf(room.doc).get(noteId)!);
		if (existing?.authorId !== actor.id) throw new CommandError('conflict', 'this command id is already used');
		return { noteId };
	}
	const at =
		input.x !== undefined && input.y !== undefined ? clampPosition(input.x, input.y) : nextNotePosition(notesOf(room.doc).size);
	insertNote(
		room.doc,
		{
			id: noteId,
			text,
			x: at.x,
			y: at.y,
			color: 'yellow',
			authorId: actor.id,
			authorCategory: actor.category,
			createdAt: now.getTime(),
			updatedAt: now.getTime()
		},
		'live'
	);
	return { noteId };
});
