import { CommandError } from '../../src/lib/protocol/errors.ts';
import { can } from '../../src/lib/domain/permissions/roles.ts';
import { readNotes } from '../../src/lib/domain/board/notes.ts';
import { suggestClusters } from '../../src/lib/domain/clustering/suggest.ts';
import { query } from './command.ts';

/**
 * The facilitator asks for clusters proposed from the notes' text. Only the notes already on
 * the board count (a silent phase's hidden notes are not in the document). Nothing is written:
 * the facilitator previews, renames, and accepts through the board, or discards.
 */
export const clustersSuggest = query('clusters.suggest', async ({ actor, withRoom }) => {
	if (!can(actor.role, 'workshop.manage')) throw new CommandError('forbidden', 'only a facilitator of this workshop can ask for suggested clusters');
	const notes = await withRoom((room) => readNotes(room.doc).map(({ id, text }) => ({ id, text })));
	return { groups: suggestClusters(notes) };
});
