import type { Db, Queryable } from '../db.ts';
import { byteaLiteral, textLiteral } from '../sql-literals.ts';
import { commandRows, recordCommandsSql, type CommandRecord } from './live-commands.ts';
import { appendUpdatesSql } from './yjs-log.ts';

/** One board's group commit (update-log.ts): its merged update, if any, and the records of the commands applied with it. */
export interface BoardBatch {
	workshopId: string;
	update: Uint8Array | null;
	records: readonly CommandRecord[];
}

/**
 * Stores the group commits of several boards (each board once) in one transaction, so that a
 * crash leaves each board's update and its command records both or neither. Returns each
 * batch's update sequence number, in the order given (null for a batch without an update).
 *
 * Two statements whatever the number of boards: one multi-row insert of the updates, one of
 * the records. On the embedded database they go in one round with their values written in
 * (`Db.script`); on PostgreSQL, as parameters in one transaction (none for a lone update).
 * Each write has a fixed cost however small (on PGlite about a millisecond of CPU for a lone
 * insert, 0.3 ms a row in a group of twenty: probe of 20 boards written 4 times a second), and
 * this runs for every busy board a few times a second.
 */
export async function storeBatches(db: Db, batches: readonly BoardBatch[]): Promise<Array<number | null>> {
	const ids = batches.map((b) => b.workshopId);
	if (new Set(ids).size !== ids.length) throw new Error('storeBatches: a board may appear once per call');
	const updates = batches.filter((b) => b.update);
	const records = batches.flatMap((b) => commandRows(b.workshopId, b.records));
	if (updates.length === 0 && records.length === 0) return batches.map(() => null);
	let rows: Array<{ workshop_id: string; seq: string | number }> = [];
	if (db.script) {
		const statements = [
			...(updates.length ? [appendUpdatesSql(updates.map((b) => `(${textLiteral(b.workshopId)}, ${byteaLiteral(b.update!)})`))] : []),
			...(records.length ? [recordCommandsSql(textLiteral(JSON.stringify(records)))] : [])
		];
		const results = await db.script(statements.join(';\n'));
		if (updates.length) rows = results[0] as typeof rows;
	} else {
		const write = async (q: Queryable) => {
			if (updates.length)
				rows = await q.query(
					appendUpdatesSql(updates.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`)),
					updates.flatMap((b) => [b.workshopId, b.update])
				);
			if (records.length) await q.query(recordCommandsSql('$1'), [JSON.stringify(records)]);
		};
		// A lone insert is its own transaction.
		if (records.length === 0 && updates.length === 1) await write(db);
		else await db.transaction(write);
	}
	// Matched by board, not by position: RETURNING's order is not promised.
	const seqOf = new Map(rows.map((r) => [r.workshop_id, Number(r.seq)]));
	return batches.map((b) => {
		if (!b.update) return null;
		const seq = seqOf.get(b.workshopId);
		if (seq === undefined) throw new Error(`storeBatches: no row came back for workshop ${b.workshopId}`);
		return seq;
	});
}
