import { CommandError } from '../../src/lib/protocol/errors.ts';
import { can } from '../../src/lib/domain/permissions/roles.ts';
import { assignNotes, isLiveCluster } from '../../src/lib/domain/board/clusters.ts';
import { NOTE_TEXT_MAX, clampPosition, cleanNoteText, notesOf, readNote, removeNote, updateNote } from '../../src/lib/domain/board/notes.ts';
import { requireOpen } from './room-gate.ts';
import { findCommand } from '../db/repositories/live-commands.ts';
import { command, type CommandContext } from './command.ts';
import { LIVE_ORIGIN } from '../sync/origins.ts';

/** Each of these commands is a room action of its own name: a phase kind opens them one by one. */
type OwnNoteCommand = 'note.edit' | 'note.move' | 'note.delete' | 'note.cluster';

/**
 * Checks that the actor may change this note now: a facilitator any note; anyone else only
 * their own, while the phase's kind opens that command to them (not while locked, not in a
 * phase that takes no such change). An anonymous note names no author in the document: its author is the
 * one whose `note.add` made it (the note's id is that command's id).
 */
async function ownNote(ctx: CommandContext<OwnNoteCommand>, command: OwnNoteCommand): Promise<void> {
	const { actor, workshopId, room, deps, input } = ctx;
	const m = notesOf(room.doc).get(input.noteId);
	const note = m ? readNote(input.noteId, m) : null;
	if (!note) throw new CommandError('not_found', 'no such note');
	if (actor.role === 'facilitator') return;
	if (!can(actor.role, 'note.add') || actor.category === 'observer') throw new CommandError('forbidden', 'your role cannot change notes');
	const author = note.anonymous ? (await findCommand(deps.db, workshopId, input.noteId))?.actorId : note.authorId;
	if (author !== actor.id) throw new CommandError('forbidden', 'only its author can change this note');
	await requireOpen(deps, actor, workshopId, command);
}

export const noteEdit = command('note.edit', async (ctx) => {
	await ownNote(ctx, 'note.edit');
	const text = cleanNoteText(ctx.input.text);
	if (text === null) throw new CommandError('invalid_input', `a note needs 1 to ${NOTE_TEXT_MAX} characters`);
	updateNote(ctx.room.doc, ctx.input.noteId, { text }, ctx.now.getTime(), LIVE_ORIGIN);
	return { noteId: ctx.input.noteId };
});

export const noteMove = command('note.move', async (ctx) => {
	await ownNote(ctx, 'note.move');
	updateNote(ctx.room.doc, ctx.input.noteId, clampPosition(ctx.input.x, ctx.input.y), ctx.now.getTime(), LIVE_ORIGIN);
	return { noteId: ctx.input.noteId };
});

export const noteDelete = command('note.delete', async (ctx) => {
	await ownNote(ctx, 'note.delete');
	removeNote(ctx.room.doc, ctx.input.noteId, LIVE_ORIGIN);
	return { noteId: ctx.input.noteId };
});

/** In a clustering phase, a participant puts their own note into a cluster (or takes it out). */
export const noteCluster = command('note.cluster', async (ctx) => {
	await ownNote(ctx, 'note.cluster');
	const { clusterId } = ctx.input;
	if (clusterId !== null && !isLiveCluster(ctx.room.doc, clusterId)) throw new CommandError('not_found', 'no such cluster');
	assignNotes(ctx.room.doc, [ctx.input.noteId], clusterId, ctx.now.getTime(), LIVE_ORIGIN);
	return { noteId: ctx.input.noteId };
});
