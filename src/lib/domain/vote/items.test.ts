import { expect, test } from 'vitest';
import type { Note } from '../board/notes.ts';
import { tableSectionId } from '../tables/areas.ts';
import { plenaryNoteId, plenarySectionId } from '../tables/plenary.ts';
import { voteItemsOf, voteRules } from './items.ts';

const note = (id: string, sectionId?: string): Note =>
	({ id, text: id, x: 0, y: 0, color: 'yellow', authorId: 'a', authorCategory: 'usager', createdAt: 0, updatedAt: 0, ...(sectionId ? { sectionId } : {}) }) as Note;

test('a plenary vote on notes offers each table contribution once, as its copy, and never the notes left in the tables’ areas', () => {
	const board = {
		clusters: [],
		notes: [
			note('n1', tableSectionId('t1')),
			note('n2', tableSectionId('t2')),
			note(plenaryNoteId('n1'), plenarySectionId('p')),
			note('written-in-plenary', plenarySectionId('p')),
			note('shared')
		]
	};
	const ids = (plenary: boolean) => voteItemsOf(board, voteRules({ voteOn: 'notes', plenary }, false)).map((i) => i.id);
	expect(ids(true)).toEqual([plenaryNoteId('n1'), 'written-in-plenary', 'shared']);
	// Any other vote keeps every note on the board.
	expect(ids(false)).toEqual(['n1', 'n2', plenaryNoteId('n1'), 'written-in-plenary', 'shared']);
});
