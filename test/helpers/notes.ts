import type { Note } from '../../src/lib/domain/board/notes.ts';

/** A facilitator's note whose text is its id (easy to look for), with any field overridden. */
export function aNote(id: string, fields: Partial<Note> = {}): Note {
	return { id, text: id, x: 0, y: 0, color: 'yellow', authorId: 'f', authorCategory: 'facilitator', createdAt: 1, updatedAt: 1, ...fields };
}
