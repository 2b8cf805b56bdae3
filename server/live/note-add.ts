import { CommandError } from '../../src/lib/protocol/errors.ts';
import { can } from '../../src/lib/domain/permissions/roles.ts';
import {
	NOTE_TEXT_MAX,
	cleanNoteText,
	clampPosition,
	hasNote,
	insertNote,
	matchPrompt,
	type Note,
	nextNotePosition,
	noteCount,
	notesInSection
} from '../../src/lib/domain/board/notes.ts';
import { sectionOfPhase } from '../../src/lib/domain/board/sections.ts';
import { sectionSlot } from '../../src/lib/domain/board/layout.ts';
import { requireOpen } from './room-gate.ts';
import { addHiddenNote, findHiddenNote } from '../db/repositories/hidden-notes.ts';
import { command, ownRetry } from './command.ts';
import type { Actor } from '../auth/actor.ts';
import type { Room } from '../sync/room.ts';
import { LIVE_ORIGIN } from '../sync/origins.ts';

/**
 * A participant (or anyone allowed) adds a note. The note's id is the command's, so a command
 * retried after a crash between storing and recording cannot add a second note. Whether it
 * may, and how it is written (hidden until reveal, anonymous), is the room's rules' call.
 */
export const noteAdd = command('note.add', async ({ input, actor, workshopId, room, deps, now }) => {
	const { text, author, retry } = checkNewNote(actor, room, input.commandId, input.text);
	const noteId = input.commandId;
	if (retry) return { noteId };
	const { rules, gate } = await requireOpen(deps, actor, workshopId, 'note.add');
	// A note is filed under one of the running phase's prompts, or under none: never under a made-up one.
	const prompt = matchPrompt(input.prompt, rules.phase?.settings.prompts);
	if (prompt === null) throw new CommandError('invalid_input', 'this prompt is not one of the current phase\'s prompts');

	if (gate.hidden && rules.phase) {
		const already = await findHiddenNote(deps.db, workshopId, noteId);
		if (already && already.authorId !== actor.id) throw new CommandError('conflict', 'this command id is already used');
		await addHiddenNote(deps.db, workshopId, {
			id: noteId,
			phaseId: rules.phase.id,
			authorId: actor.id,
			authorCategory: author.category,
			anonymous: gate.anonymous,
			text,
			...(prompt ? { prompt } : {})
		});
		deps.notify.hiddenNotes(workshopId, actor.id);
		deps.notify.hiddenCount(workshopId);
		return { noteId, hidden: true };
	}

	// A note written during a phase that has its section on the board lands in that section.
	const section = rules.phase ? sectionOfPhase(room.doc, rules.phase.id) : null;
	const slot = section ? sectionSlot(section, notesInSection(room.doc, section.id)) : nextNotePosition(noteCount(room.doc));
	const at = input.x !== undefined && input.y !== undefined ? clampPosition(input.x, input.y) : clampPosition(slot.x, slot.y);
	writeNote(room, { id: noteId, text, at, author, anonymous: gate.anonymous, sectionId: section?.id, prompt }, now);
	return { noteId };
});

/**
 * What every command that adds a note checks first: the actor may write notes, the text is
 * 1 to NOTE_TEXT_MAX characters, and the command id (the note's id) is new. A note already
 * there under that id is either this actor's own add still waiting to be stored with its record
 * (a retry after `unavailable`: `retry`, answer again) or someone else's object, whose id must
 * never become this actor's command — above all an anonymous note, whose author is the record's actor.
 */
export function checkNewNote(actor: Actor, room: Room, commandId: string, raw: string) {
	// The category test repeats the table's answer for observers: a note's collège is never 'observer'.
	if (!can(actor.role, 'note.add') || actor.category === 'observer') throw new CommandError('forbidden', 'your role cannot add notes');
	const text = cleanNoteText(raw);
	if (text === null) throw new CommandError('invalid_input', `a note needs 1 to ${NOTE_TEXT_MAX} characters`);
	const author = { id: actor.id, category: actor.category as Note['authorCategory'] }; // observers refused above
	return { text, author, retry: ownRetry(room, actor, commandId, hasNote(room.doc, commandId)) };
}

/** Puts a participant's or facilitator's new note on the board (anonymous: the author is not written, only the collège). */
export function writeNote(
	room: Room,
	note: { id: string; text: string; at: { x: number; y: number }; author: { id: string; category: Note['authorCategory'] }; anonymous: boolean; sectionId?: string; prompt?: string },
	now: Date
): void {
	insertNote(
		room.doc,
		{
			id: note.id,
			text: note.text,
			x: note.at.x,
			y: note.at.y,
			color: 'yellow',
			authorId: note.anonymous ? '' : note.author.id,
			authorCategory: note.author.category,
			anonymous: note.anonymous || undefined,
			...(note.sectionId ? { sectionId: note.sectionId } : {}),
			...(note.prompt ? { prompt: note.prompt } : {}),
			createdAt: now.getTime(),
			updatedAt: now.getTime()
		},
		LIVE_ORIGIN
	);
}
