import { CommandError } from '../../src/lib/protocol/errors.ts';
import type { MyPlacements, PrioritiesState } from '../../src/lib/protocol/priorities.ts';
import { can } from '../../src/lib/domain/permissions/roles.ts';
import { isCategory } from '../../src/lib/domain/workshop/categories.ts';
import { countPlacers, placementMedians, priorityItems, PRIORITIES_TOP_DEFAULT, type PriorityItem } from '../../src/lib/domain/priorities/matrix.ts';
import type { PhaseSettings } from '../../src/lib/domain/phases/settings.ts';
import type { Queryable } from '../db/db.ts';
import { readAgenda, readRoomRules } from '../db/repositories/agenda.ts';
import { confirmPriorities, phasesWithPriorities, readPlacements, readPriorities, setPlacement } from '../db/repositories/priorities.ts';
import type { Rooms } from '../sync/rooms.ts';
import { recorded } from './command.ts';
import { requirePhase, requireStillOpen } from './room-gate.ts';
import { readVoteState } from './votes.ts';

/**
 * Priorities (issue 10): the top items of the last revealed vote placed on a desirability ×
 * feasibility matrix, each placement a row checked by the server (the phase, who places, an
 * item of the top, the range), then the priorities the facilitator confirms, in order.
 */

const TYPE = 'priorities';

/** The items to place: the top of the last revealed vote's parity ranking, as the board labels them now. */
async function itemsToPlace(db: Queryable, rooms: Rooms, workshopId: string, settings: PhaseSettings): Promise<PriorityItem[]> {
	const vote = await readVoteState(db, rooms, workshopId);
	if (!vote?.results || !vote.labels) return [];
	return priorityItems(vote.results, vote.labels, settings.top ?? PRIORITIES_TOP_DEFAULT);
}

/**
 * The priorities phase the screens show: the one on (running or paused), or else the last one,
 * in agenda order, that anyone placed or confirmed in (its matrix stays up for the decisions).
 */
async function prioritiesPhaseShown(db: Queryable, workshopId: string): Promise<{ id: string; settings: PhaseSettings } | null> {
	const rules = await readRoomRules(db, workshopId);
	if (rules.phase?.type === TYPE && (rules.status === 'running' || rules.status === 'paused')) return rules.phase;
	const used = new Set(await phasesWithPriorities(db, workshopId));
	if (used.size === 0) return null;
	return (await readAgenda(db, workshopId)).findLast((p) => p.type === TYPE && used.has(p.id)) ?? null;
}

/**
 * A participant (or, with `placedBy: 'facilitator'`, the facilitator) places one item. The
 * phase is on and open to them (the room's gate), the item is one of the top; placing again
 * moves it.
 */
export const priorityPlace = recorded('priority.place', async ({ input, actor, workshopId, deps, transact }) => {
	const phase = await requirePhase(deps.db, actor, workshopId, 'priority.place', TYPE);
	const items = await itemsToPlace(deps.db, deps.rooms, workshopId, phase.settings);
	if (!items.some((i) => i.id === input.itemId)) throw new CommandError('not_found', 'this item is not one of the priorities to place');
	const category = isCategory(actor.category) ? actor.category : 'facilitator';
	const value = await transact(async (tx) => {
		await requireStillOpen(tx, actor, workshopId, 'priority.place', phase.id, 'the priorities phase is closed');
		const { itemId, desirability, feasibility } = input;
		await setPlacement(tx, workshopId, phase.id, { placerId: actor.id, category, itemId, desirability, feasibility });
		return { itemId, desirability, feasibility };
	});
	deps.notify.priorities(workshopId);
	deps.notify.myPriorities(workshopId, actor.id);
	return value;
});

/** The facilitator confirms the priorities and their order, among the items to place (during the phase or after it). */
export const priorityConfirm = recorded('priority.confirm', async ({ input, actor, workshopId, deps, transact }) => {
	if (!can(actor.role, 'workshop.manage')) throw new CommandError('forbidden', 'only a facilitator of this workshop can do this');
	const phase = await prioritiesPhaseShown(deps.db, workshopId);
	if (!phase) throw new CommandError('phase_closed', 'no priorities phase to confirm');
	const items = new Map((await itemsToPlace(deps.db, deps.rooms, workshopId, phase.settings)).map((i) => [i.id, i]));
	const chosen = input.itemIds.map((id) => items.get(id));
	if (chosen.some((i) => !i)) throw new CommandError('not_found', 'an item is not one of the priorities to place');
	const value = await transact(async (tx) => {
		await confirmPriorities(tx, workshopId, phase.id, chosen as PriorityItem[]);
		return { itemIds: input.itemIds };
	});
	deps.notify.priorities(workshopId);
	return value;
});

/** What every screen is told of the priorities now. */
export async function readPrioritiesState(db: Queryable, rooms: Rooms, workshopId: string): Promise<PrioritiesState | null> {
	const phase = await prioritiesPhaseShown(db, workshopId);
	if (!phase) return null;
	const [items, placements, confirmed] = await Promise.all([itemsToPlace(db, rooms, workshopId, phase.settings), readPlacements(db, workshopId, phase.id), readPriorities(db, workshopId, phase.id)]);
	const ids = new Set(items.map((i) => i.id));
	const counted = placements.filter((p) => ids.has(p.itemId));
	return {
		phaseId: phase.id,
		placedBy: phase.settings.placedBy ?? 'participants',
		items,
		medians: placementMedians([...ids], counted),
		placers: countPlacers(counted),
		confirmed
	};
}

/** One's own placements in the priorities phase shown (for a reload or a second device); `shown` as for readMyVotes. */
export async function readMyPlacements(db: Queryable, workshopId: string, actorId: string, shown?: string | null): Promise<MyPlacements | null> {
	const phaseId = shown === undefined ? (await prioritiesPhaseShown(db, workshopId))?.id : shown;
	if (!phaseId) return null;
	const mine = await readPlacements(db, workshopId, phaseId, actorId);
	return { phaseId, placements: Object.fromEntries(mine.map((p) => [p.itemId, { desirability: p.desirability, feasibility: p.feasibility }])) };
}
