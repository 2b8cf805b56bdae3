import { insertNote, hasNote, nextNotePosition, notesOf } from '../../src/lib/domain/board/notes.ts';
import { markRevealed, waitingHiddenNotes } from '../db/repositories/hidden-notes.ts';
import type { CommandDeps } from './command.ts';
import { LIVE_ORIGIN } from '../sync/origins.ts';

/**
 * Writes every note still hidden by a silent phase into the workshop's document, then marks
 * them revealed. Safe to run again after a crash in between: a note already in the document
 * is not written twice. Returns how many notes it revealed.
 */
export async function revealWaiting(deps: CommandDeps, workshopId: string): Promise<number> {
	const waiting = await waitingHiddenNotes(deps.db, workshopId);
	if (waiting.length === 0) return 0;
	await deps.rooms.with(workshopId, async (room) => {
		room.doc.transact(() => {
			for (const n of waiting) {
				if (hasNote(room.doc, n.id)) continue;
				const at = nextNotePosition(notesOf(room.doc).size);
				insertNote(room.doc, {
					id: n.id,
					text: n.text,
					x: at.x,
					y: at.y,
					color: 'yellow',
					authorId: n.anonymous ? '' : n.authorId,
					authorCategory: n.authorCategory,
					anonymous: n.anonymous || undefined,
					...(n.prompt ? { prompt: n.prompt } : {}),
					createdAt: n.createdAt.getTime(),
					updatedAt: n.createdAt.getTime()
				});
			}
		}, LIVE_ORIGIN);
		await room.log.stored();
	});
	await markRevealed(
		deps.db,
		workshopId,
		waiting.map((n) => n.id),
		new Date()
	);
	for (const authorId of new Set(waiting.map((n) => n.authorId))) deps.notify.hiddenNotes(workshopId, authorId);
	return waiting.length;
}
