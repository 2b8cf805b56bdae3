import { CommandError } from '../../src/lib/protocol/errors.ts';
import type { ReadinessState, TableEvents } from '../../src/lib/protocol/tables.ts';
import { readinessCounts } from '../../src/lib/domain/tables/readiness.ts';
import { isCategory } from '../../src/lib/domain/workshop/categories.ts';
import type { Queryable } from '../db/db.ts';
import { readClock } from '../db/repositories/agenda.ts';
import { listParticipants } from '../db/repositories/participants.ts';
import { readDone, setDone } from '../db/repositories/tables.ts';
import { recorded } from './command.ts';
import { readCurrentSeating } from './tables.ts';

/**
 * "J'ai fini" (issue 13, item 5), in any phase: a participant says they are done (or takes it
 * back); screens get counts only. It never ends a phase: the facilitator sees the counts and
 * may end the phase early with the clock's own control (so only a facilitator ends a silent phase).
 */

/** The phase run on now (running or paused), or null before the start, after the end. */
export async function phaseRun(db: Queryable, workshopId: string): Promise<{ phaseId: string; startedAt: number } | null> {
	const { timer } = await readClock(db, workshopId);
	if ((timer.status !== 'running' && timer.status !== 'paused') || timer.phase === null || timer.startedAt === null) return null;
	return { phaseId: timer.phase, startedAt: timer.startedAt };
}

export const readinessSet = recorded('readiness.set', async ({ input, actor, workshopId, deps, transact }) => {
	if (actor.kind !== 'participant' || !isCategory(actor.category)) throw new CommandError('forbidden', 'only participants say they are done');
	const run = await phaseRun(deps.db, workshopId);
	if (!run) throw new CommandError('phase_closed', 'no phase is on');
	const value = await transact(async (tx) => {
		await setDone(tx, workshopId, run, actor.id, input.done);
		return { ...run, done: input.done };
	});
	deps.notify.readiness(workshopId);
	deps.notify.myReadiness(workshopId, actor.id);
	return value;
});

/** The counts of the phase run on, overall, by table and by collège (null: no phase on). */
export async function readReadinessState(db: Queryable, workshopId: string): Promise<ReadinessState | null> {
	const run = await phaseRun(db, workshopId);
	if (!run) return null;
	const people = (await listParticipants(db, workshopId)).filter((p) => isCategory(p.category));
	const [done, seating] = await Promise.all([readDone(db, workshopId, run), readCurrentSeating(db, workshopId, people)]);
	const counts = readinessCounts(people, done, seating);
	return { ...run, counts };
}

/** One's own answer in the phase run on; `shown`: that run (null: none), when the caller has just read it. */
export async function readMyReadiness(
	db: Queryable,
	workshopId: string,
	participantId: string,
	shown?: { phaseId: string; startedAt: number } | null
): Promise<TableEvents['readiness.mine']> {
	const run = shown === undefined ? await phaseRun(db, workshopId) : shown;
	if (!run) return null;
	return { ...run, done: (await readDone(db, workshopId, run)).has(participantId) };
}
