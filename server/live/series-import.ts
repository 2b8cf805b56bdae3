import { command, mustManage } from './command.ts';
import { importInto } from '../templates/carry-over.ts';

/**
 * A facilitator re-imports the earlier sessions' notes into a later session of a series: only
 * those not imported yet come (notes written there since), each with its origin. Idempotent:
 * importing again brings nothing new, and an imported note deleted here stays deleted.
 */
export const seriesImport = command('series.import', async (ctx) => {
	mustManage(ctx.actor);
	return { imported: await importInto(ctx.deps.db, ctx.room, ctx.workshopId, ctx.now.getTime()) };
});
