import type { Db } from './db.ts';
import { commandsOf, findCommands, findCommandsSql, type StoredCommand } from './repositories/live-commands.ts';
import { readRoomRules, roomRulesOf, roomRulesSql, type RoomRules } from './repositories/agenda.ts';
import { textLiteral } from './sql-literals.ts';

/**
 * Reads that a room's burst shares. A room of 300 adding notes at once made two queries per
 * command (is this command id known? which phase is on?), and on the embedded database's one
 * connection, or behind a pool of a few, those queries queued ahead of the group commit that
 * the same commands were waiting for: acknowledgements fell behind (PostgreSQL at 2,000
 * offered/s: 2 % acknowledged). Here the calls for one workshop made in one turn of the event
 * loop wait for that turn's end and share one query; and while that query runs, the calls that
 * arrive share the next one, which starts as soon as it ends. A turn's worth at 1,000 commands/s
 * was two or three commands, so a query per turn still cost a millisecond of the embedded
 * database per command; waiting on the running one, the burst groups itself. Each query starts
 * after every call it answers arrived, so none reads older state than a query of its own would.
 */
function perTurn<Item, Out>(run: (db: Db, workshopId: string, items: readonly Item[]) => Promise<Out[]>) {
	type Batch = { items: Item[]; waiters: Array<{ resolve(v: Out): void; reject(e: unknown): void }> };
	/** Per database and workshop: the batch gathering callers, and whether a read is under way. */
	type Line = { next: Batch | null; running: boolean };
	const lines = new WeakMap<Db, Map<string, Line>>();

	const start = (db: Db, workshopId: string, byWorkshop: Map<string, Line>, line: Line) => {
		const batch = line.next;
		line.next = null;
		if (!batch) {
			byWorkshop.delete(workshopId);
			return;
		}
		line.running = true;
		run(db, workshopId, batch.items)
			.then(
				(outs) => batch.waiters.forEach((w, i) => w.resolve(outs[i])),
				(e: unknown) => batch.waiters.forEach((w) => w.reject(e))
			)
			.finally(() => {
				line.running = false;
				start(db, workshopId, byWorkshop, line);
			});
	};

	return (db: Db, workshopId: string, item: Item): Promise<Out> => {
		let byWorkshop = lines.get(db);
		if (!byWorkshop) lines.set(db, (byWorkshop = new Map()));
		let line = byWorkshop.get(workshopId);
		if (!line) byWorkshop.set(workshopId, (line = { next: null, running: false }));
		if (!line.next) {
			line.next = { items: [], waiters: [] };
			// Idle: at the turn's end. Busy: the running read starts this batch when it ends.
			if (!line.running) setImmediate(() => start(db, workshopId, byWorkshop, line));
		}
		const { items, waiters } = line.next;
		return new Promise<Out>((resolve, reject) => {
			items.push(item);
			waiters.push({ resolve, reject });
		});
	};
}

/**
 * What every command reads first, shared likewise: whether its id is already stored (a retry, or
 * someone else's id), and the room's rules, which most commands check next (requireOpen). Read
 * together, a burst makes one round of reads per batch instead of two in a row.
 */
export const readTurnShared: (db: Db, workshopId: string, commandId: string) => Promise<{ previous: StoredCommand | null; rules: RoomRules }> =
	perTurn(async (db, workshopId, ids: readonly string[]) => {
		const [found, rules] = await readBoth(db, workshopId, [...new Set(ids)]);
		return ids.map((id) => ({ previous: found.get(id) ?? null, rules }));
	});

/**
 * The embedded database takes both statements in one round, values written in (`Db.script`):
 * a read round per batch was still its largest cost in a room's burst. PostgreSQL runs the two
 * prepared statements side by side on its pool.
 */
async function readBoth(db: Db, workshopId: string, ids: readonly string[]): Promise<[Map<string, StoredCommand>, RoomRules]> {
	if (!db.script) return Promise.all([findCommands(db, workshopId, ids), readRoomRules(db, workshopId)]);
	const workshop = textLiteral(workshopId);
	const [found, rules] = await db.script(`${findCommandsSql(workshop, textLiteral(JSON.stringify(ids)))};\n${roomRulesSql(workshop)}`);
	return [commandsOf(found), roomRulesOf(rules)];
}

/**
 * A read of what is the same for everyone in a workshop, shared likewise: every caller of a batch
 * gets the one result, so callers must only read it (or copy before changing it). A room of
 * 1,000 phones reconnecting at once (the Wi-Fi came back, the server restarted) asked for the
 * same agenda, vote and affiche 1,000 times.
 */
export function sharedPerWorkshop<T>(read: (db: Db, workshopId: string) => Promise<T>): (db: Db, workshopId: string) => Promise<T> {
	const line = perTurn(async (db, workshopId, items: readonly null[]) => {
		const value = await read(db, workshopId);
		return items.map(() => value);
	});
	return (db, workshopId) => line(db, workshopId, null);
}

/** `readRoomRules`, shared likewise. */
export const readRoomRulesShared: (db: Db, workshopId: string) => Promise<RoomRules> = sharedPerWorkshop(readRoomRules);
