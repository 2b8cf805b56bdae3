import type { Db } from '../db.ts';
import { byteaLiteral, textLiteral } from '../sql-literals.ts';
import { appendUpdate, appendUpdateSql } from './yjs-log.ts';
import { recordCommands, recordCommandsSql, recordsJson, type CommandRecord } from './live-commands.ts';

/**
 * Stores one group commit of a board (update-log.ts): its merged update, if any, and the records
 * of the commands applied with it, in one transaction, so that a crash leaves both or neither.
 * Returns the update's sequence number (null without one).
 *
 * On the embedded database the statements go in one round with their values written in
 * (`Db.script`): this runs once per commit window of every busy board, and PGlite's per-call
 * cost, not the work, was most of it.
 */
export async function storeBatch(db: Db, workshopId: string, update: Uint8Array | null, records: readonly CommandRecord[]): Promise<number | null> {
	if (!update && records.length === 0) return null;
	if (db.script) {
		const workshop = textLiteral(workshopId);
		const statements = [
			...(update ? [appendUpdateSql(workshop, byteaLiteral(update))] : []),
			...(records.length ? [recordCommandsSql(workshop, textLiteral(recordsJson(records)))] : [])
		];
		const results = await db.script(statements.join(';\n'));
		return update ? Number(results[0][0].seq) : null;
	}
	// Editors' updates alone need no transaction; with command records, one holds both.
	if (records.length === 0) return appendUpdate(db, workshopId, update!);
	return db.transaction(async (tx) => {
		const seq = update ? await appendUpdate(tx, workshopId, update) : null;
		await recordCommands(tx, workshopId, records);
		return seq;
	});
}
