import { command, mustManage } from './command.ts';
import { importInto, sourcesOutsideRights } from '../templates/carry-over.ts';
import { CommandError } from '../../src/lib/protocol/errors.ts';

/**
 * A facilitator re-imports the earlier sessions' notes into a later session of a series: only
 * those not imported yet come (notes written there since), each with its origin. Idempotent:
 * importing again brings nothing new, and an imported note deleted here stays deleted.
 * Series rights follow the sessions' rights: a facilitator who does not facilitate every
 * session this one imports from is refused, and nothing comes.
 */
export const seriesImport = command('series.import', async (ctx) => {
	mustManage(ctx.actor);
	if ((await sourcesOutsideRights(ctx.deps.db, ctx.workshopId, ctx.actor.id)).length > 0)
		throw new CommandError('forbidden', 'you do not facilitate every session this one imports from: ask their facilitator to invite you, or to import');
	return { imported: await importInto(ctx.deps.db, ctx.room, ctx.workshopId, ctx.now.getTime(), ctx.actor.id) };
});
