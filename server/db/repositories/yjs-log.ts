import * as Y from 'yjs';
import type { Queryable } from '../db.ts';

/** What is stored of one workshop's document: the snapshot (if any) and the updates after it. */
export interface StoredDoc {
	snapshot: Uint8Array | null;
	updates: Uint8Array[];
	lastSeq: number;
}

const bytes = (v: unknown): Uint8Array => (v instanceof Uint8Array ? v : new Uint8Array(v as ArrayBuffer));

/**
 * The statement appending updates of one or several workshops, each `(workshop, data)` as
 * placeholders or as literals (update-batch.ts); returns each row's workshop and sequence number.
 */
export const appendUpdatesSql = (values: readonly string[]) =>
	`INSERT INTO yjs_update (workshop_id, data) VALUES ${values.join(', ')} RETURNING workshop_id, seq`;

/** Appends one (merged) update to the log; returns its sequence number. */
export async function appendUpdate(db: Queryable, workshopId: string, data: Uint8Array): Promise<number> {
	const rows = await db.query<{ seq: string | number }>(appendUpdatesSql(['($1, $2)']), [workshopId, data]);
	return Number(rows[0].seq);
}

export async function loadDoc(db: Queryable, workshopId: string): Promise<StoredDoc> {
	// One statement, so one view of the database: read as two queries, a compaction committing
	// between them (new snapshot, its rows deleted) would leave the old snapshot without the rows.
	// Every remaining row is read, not only those after last_seq: a row of another instance can
	// commit after a compaction that passed its number; it was not folded, so it is still here.
	const rows = await db.query<{ snapshot: boolean; data: unknown; seq: string | number }>(
		`SELECT true AS snapshot, data, last_seq AS seq FROM yjs_snapshot WHERE workshop_id = $1
		 UNION ALL
		 SELECT false AS snapshot, data, seq FROM yjs_update WHERE workshop_id = $1
		 ORDER BY snapshot DESC, seq`,
		[workshopId]
	);
	const snap = rows[0]?.snapshot ? rows[0] : null;
	const updates = snap ? rows.slice(1) : rows;
	return {
		snapshot: snap ? bytes(snap.data) : null,
		updates: updates.map((r) => bytes(r.data)),
		lastSeq: rows.reduce((max, r) => Math.max(max, Number(r.seq)), 0)
	};
}

/**
 * Folds every stored update up to `upToSeq` into the snapshot, in one transaction, so a crash
 * leaves either the old or the new pair. The new snapshot is built from what the database
 * holds — never from one instance's memory — so updates stored by another instance are kept
 * even when this one has not seen them (several instances, Redis down). Concurrent
 * compactions of one workshop queue on an advisory lock.
 */
export async function compact(
	db: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> },
	workshopId: string,
	upToSeq: number
): Promise<void> {
	await db.transaction(async (tx) => {
		await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [workshopId]);
		const snap = await tx.query<{ data: unknown; last_seq: string | number }>(
			'SELECT data, last_seq FROM yjs_snapshot WHERE workshop_id = $1',
			[workshopId]
		);
		const rows = await tx.query<{ data: unknown; seq: string | number }>(
			'SELECT data, seq FROM yjs_update WHERE workshop_id = $1 AND seq <= $2 ORDER BY seq',
			[workshopId, upToSeq]
		);
		if (rows.length === 0) return;
		const lastSeq = Math.max(snap[0] ? Number(snap[0].last_seq) : 0, ...rows.map((r) => Number(r.seq)));
		// A fresh document (not a byte merge) so that deleted content is garbage-collected.
		const doc = new Y.Doc();
		if (snap[0]) Y.applyUpdate(doc, bytes(snap[0].data));
		for (const r of rows) Y.applyUpdate(doc, bytes(r.data));
		const state = Y.encodeStateAsUpdate(doc);
		doc.destroy();
		await tx.query(
			`INSERT INTO yjs_snapshot (workshop_id, data, last_seq, updated_at) VALUES ($1, $2, $3, now())
			 ON CONFLICT (workshop_id) DO UPDATE SET data = $2, last_seq = $3, updated_at = now()`,
			[workshopId, state, lastSeq]
		);
		// Exactly the rows folded: one committed meanwhile by another instance stays for next time.
		await tx.query('DELETE FROM yjs_update WHERE workshop_id = $1 AND seq = ANY($2::bigint[])', [
			workshopId,
			rows.map((r) => String(r.seq))
		]);
	});
}

export async function countUpdates(db: Queryable, workshopId: string): Promise<number> {
	const rows = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM yjs_update WHERE workshop_id = $1', [
		workshopId
	]);
	return Number(rows[0].n);
}
