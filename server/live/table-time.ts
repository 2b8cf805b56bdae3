import { CommandError } from '../../src/lib/protocol/errors.ts';
import { addExtraTime } from '../../src/lib/domain/tables/timer.ts';
import { readClock } from '../db/repositories/agenda.ts';
import { lockPlan, readTables, setExtraTime } from '../db/repositories/tables.ts';
import { mustManage, recorded } from './command.ts';
import { pushed } from './tables.ts';

/**
 * A table's own time (issue 13, item 6): every table follows the phase's clock; a facilitator
 * gives one table more time in the phase run on. The extra time is pushed with the plan, so
 * that table's phones count down their own end.
 */
export const tableExtend = recorded('table.extend', async ({ input, actor, workshopId, deps, transact }) => {
	mustManage(actor);
	const value = await transact(async (tx) => {
		await lockPlan(tx, workshopId);
		const table = (await readTables(tx, workshopId)).find((t) => t.id === input.tableId);
		if (!table) throw new CommandError('not_found', 'no such table in this workshop');
		const extraTime = addExtraTime((await readClock(tx, workshopId)).timer, table.extraTime, input.minutes);
		if (!extraTime) throw new CommandError('conflict', 'no phase is running');
		await setExtraTime(tx, workshopId, input.tableId, extraTime);
		return { tableId: input.tableId, extraTime };
	});
	pushed(deps, workshopId);
	return value;
});
