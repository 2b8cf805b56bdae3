import { CommandError } from '../../src/lib/protocol/errors.ts';
import { TABLE_NAME_MAX, TABLES_MAX, type TableMember, type TablesView } from '../../src/lib/protocol/tables.ts';
import { assignTables, tableForLateJoiner, type Seating } from '../../src/lib/domain/tables/assign.ts';
import { cleanLabel, isCategory } from '../../src/lib/domain/workshop/categories.ts';
import type { Queryable } from '../db/db.ts';
import { listParticipants, type Participant } from '../db/repositories/participants.ts';
import { createTable, deleteTable, lockPlan, readContributions, readSeating, readTables, replaceSeating, seat, updateTable } from '../db/repositories/tables.ts';
import { newId } from '../auth/tokens.ts';
import type { Actor } from '../auth/actor.ts';
import { mustManage, recorded, type CommandDeps } from './command.ts';

/**
 * The table plan (issue 13, item 1): facilitators' commands, each serialised on the workshop's
 * plan and recorded with its command id, then pushed to every screen. Who sits where is the
 * domain's pure assignment (src/lib/domain/tables/assign.ts); this file only stores it.
 */

const tableName = (raw: string) => {
	const name = cleanLabel(raw, TABLE_NAME_MAX);
	if (!name) throw new CommandError('invalid_input', `name: a table needs a name of 1 to ${TABLE_NAME_MAX} characters`);
	return name;
};

/** People who can sit at a table: the workshop's current participants (editors too). */
const seatable = (people: Participant[]) => people.filter((p) => isCategory(p.category));

/** The stored seating restricted to current participants (a removed person's seat counts nowhere). */
function currentSeating(seating: Seating, people: readonly Participant[]): Seating {
	const present = new Set(people.map((p) => p.id));
	return Object.fromEntries(Object.entries(seating).map(([t, ids]) => [t, ids.filter((id) => present.has(id))]));
}

/** A stable seed from the command id when the facilitator's screen gives none (a retry answers the first result anyway). */
function seedOf(commandId: string): number {
	let h = 2166136261;
	for (let i = 0; i < commandId.length; i++) h = Math.imul(h ^ commandId.charCodeAt(i), 16777619);
	return h >>> 0;
}

export const pushed = (deps: CommandDeps, workshopId: string) => {
	deps.notify.tables(workshopId);
	// Readiness by table follows the plan.
	deps.notify.readiness(workshopId);
};

export const tableCreate = recorded('table.create', async ({ input, actor, workshopId, deps, transact }) => {
	mustManage(actor);
	const name = tableName(input.name);
	const value = await transact(async (tx) => {
		await lockPlan(tx, workshopId);
		if ((await readTables(tx, workshopId)).length >= TABLES_MAX) throw new CommandError('conflict', `a workshop has at most ${TABLES_MAX} tables`);
		const table = await createTable(tx, workshopId, { id: newId(), name, instructions: input.instructions });
		return { tableId: table.id };
	});
	pushed(deps, workshopId);
	return value;
});

export const tableUpdate = recorded('table.update', async ({ input, actor, workshopId, deps, transact }) => {
	mustManage(actor);
	const name = tableName(input.name);
	const value = await transact(async (tx) => {
		if (!(await updateTable(tx, workshopId, input.tableId, { name, instructions: input.instructions })))
			throw new CommandError('not_found', 'no such table in this workshop');
		return { tableId: input.tableId };
	});
	pushed(deps, workshopId);
	return value;
});

export const tableDelete = recorded('table.delete', async ({ input, actor, workshopId, deps, transact }) => {
	mustManage(actor);
	const value = await transact(async (tx) => {
		await lockPlan(tx, workshopId);
		if (!(await deleteTable(tx, workshopId, input.tableId))) throw new CommandError('not_found', 'no such table in this workshop');
		return { tableId: input.tableId };
	});
	pushed(deps, workshopId);
	return value;
});

/** By hand: one participant to a table (or to none). */
export const tableAssign = recorded('table.assign', async ({ input, actor, workshopId, deps, transact }) => {
	mustManage(actor);
	const value = await transact(async (tx) => {
		await lockPlan(tx, workshopId);
		const people = await listParticipants(tx, workshopId);
		if (!people.some((p) => p.id === input.participantId)) throw new CommandError('not_found', 'no such participant in this workshop');
		if (input.tableId !== null && !(await readTables(tx, workshopId)).some((t) => t.id === input.tableId))
			throw new CommandError('not_found', 'no such table in this workshop');
		await seat(tx, workshopId, input.participantId, input.tableId);
		return { participantId: input.participantId, tableId: input.tableId };
	});
	pushed(deps, workshopId);
	return value;
});

/** Everyone at once, balanced by collège (the default on screen) or at random, over the tables there are. */
export const tablesSplit = recorded('tables.split', async ({ input, actor, workshopId, deps, transact }) => {
	mustManage(actor);
	const value = await transact(async (tx) => {
		await lockPlan(tx, workshopId);
		const tables = await readTables(tx, workshopId);
		if (tables.length === 0) throw new CommandError('conflict', 'create the tables first');
		const people = seatable(await listParticipants(tx, workshopId)).map((p) => ({ id: p.id, category: p.category }));
		const seating = assignTables(people, tables.map((t) => t.id), input.mode, input.seed ?? seedOf(input.commandId));
		await replaceSeating(tx, workshopId, seating);
		return { seated: people.length, tables: tables.length };
	});
	pushed(deps, workshopId);
	return value;
});

/**
 * A participant who connects while a plan exists and sits nowhere is seated by the same rule
 * as everyone: at a smallest table, with the fewest of their collège. True when seated (then the
 * whole room is sent the new plan). The caller asks only when the plan it was sent has tables:
 * a room of 1,000 phones without tables pays nothing here.
 */
export async function seatLateJoiner(deps: CommandDeps, workshopId: string, actor: Pick<Actor, 'id' | 'kind' | 'category'>): Promise<boolean> {
	if (actor.kind !== 'participant' || !isCategory(actor.category)) return false;
	const category = actor.category;
	const seated = await deps.db.transaction(async (tx) => {
		await lockPlan(tx, workshopId);
		const ids = (await readTables(tx, workshopId)).map((t) => t.id);
		if (ids.length === 0) return false;
		const people = await listParticipants(tx, workshopId);
		const seating = currentSeating(await readSeating(tx, workshopId), people);
		if (Object.values(seating).some((m) => m.includes(actor.id))) return false;
		const categoryOf = new Map(people.map((p) => [p.id, p.category]));
		const table = tableForLateJoiner(seating, ids, (id) => categoryOf.get(id), { id: actor.id, category });
		await seat(tx, workshopId, actor.id, table);
		return true;
	});
	if (seated) pushed(deps, workshopId);
	return seated;
}

/** The plan every screen is sent (null: no tables), with current participants only. */
export async function readTablesView(db: Queryable, workshopId: string): Promise<TablesView | null> {
	const tables = await readTables(db, workshopId);
	if (tables.length === 0) return null;
	const people = seatable(await listParticipants(db, workshopId));
	const seating = currentSeating(await readSeating(db, workshopId), people);
	const member = new Map<string, TableMember>(people.map((p) => [p.id, { id: p.id, displayName: p.displayName, category: p.category }]));
	const seatedIds = new Set(Object.values(seating).flat());
	const picks = await readContributions(db, workshopId);
	return {
		tables: tables.map((t) => ({
			id: t.id,
			name: t.name,
			instructions: t.instructions,
			members: (seating[t.id] ?? []).map((id) => member.get(id)!),
			reporterId: t.reporterId !== null && member.has(t.reporterId) ? t.reporterId : null,
			picks: picks[t.id] ?? [],
			extraTime: t.extraTime
		})),
		unseated: people.filter((p) => !seatedIds.has(p.id)).map((p) => member.get(p.id)!)
	};
}

/** The current seating of current participants (for readiness by table). */
export async function readCurrentSeating(db: Queryable, workshopId: string, people: readonly Participant[]): Promise<Seating> {
	return currentSeating(await readSeating(db, workshopId), people);
}
