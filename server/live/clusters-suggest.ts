import { CommandError } from '../../src/lib/protocol/errors.ts';
import { can } from '../../src/lib/domain/permissions/roles.ts';
import { readBoard } from '../../src/lib/domain/board/board.ts';
import { suggestClusters } from '../../src/lib/domain/clustering/suggest.ts';
import { query } from './command.ts';

/**
 * The facilitator asks for clusters proposed from the notes' text. Only notes on the board and
 * in no cluster yet count: what the room already grouped by hand is never reshuffled, and a
 * silent phase's hidden notes are not in the document. Nothing is written: the facilitator
 * previews, renames, and accepts through the board, or discards.
 */
export const clustersSuggest = query('clusters.suggest', async ({ actor, withRoom }) => {
	if (!can(actor.role, 'workshop.manage')) throw new CommandError('forbidden', 'only a facilitator of this workshop can ask for suggested clusters');
	const notes = await withRoom((room) => readBoard(room.doc).notes.filter((n) => !n.clusterId));
	return { groups: suggestClusters(notes.map(({ id, text }) => ({ id, text }))) };
});
