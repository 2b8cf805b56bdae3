import type { Queryable } from '../db.ts';

/** What a person's read-only connection tried to write in a workshop, as every instance reads it. */
export interface ReadOnlyPast {
	/** Their next writable connection must start from the server's document. */
	tried: boolean;
	/** Yjs client ids they wrote new structs with while read-only. */
	clientIds: number[];
}

export async function findReadOnlyPast(db: Queryable, workshopId: string, personId: string): Promise<ReadOnlyPast | null> {
	const rows = await db.query<{ tried: boolean; client_ids: unknown }>('SELECT tried, client_ids FROM read_only_write WHERE workshop_id = $1 AND person_id = $2', [
		workshopId,
		personId
	]);
	const row = rows[0];
	if (!row) return null;
	const ids = typeof row.client_ids === 'string' ? (JSON.parse(row.client_ids) as unknown) : row.client_ids;
	return { tried: row.tried, clientIds: Array.isArray(ids) ? ids.filter((x): x is number => Number.isInteger(x)) : [] };
}

/** Adds to what is remembered (client ids are merged with those another instance recorded). */
export async function rememberReadOnlyPast(db: Queryable, workshopId: string, personId: string, past: ReadOnlyPast): Promise<void> {
	await db.query(
		`INSERT INTO read_only_write (workshop_id, person_id, tried, client_ids) VALUES ($1, $2, $3, $4::jsonb)
		 ON CONFLICT (workshop_id, person_id) DO UPDATE SET
		   tried = read_only_write.tried OR EXCLUDED.tried,
		   client_ids = (SELECT coalesce(jsonb_agg(DISTINCT x), '[]'::jsonb) FROM jsonb_array_elements(read_only_write.client_ids || EXCLUDED.client_ids) AS x)`,
		[workshopId, personId, past.tried, JSON.stringify(past.clientIds)]
	);
}

/** Their writable connection started from the server's document: only the client ids stay refused. */
export async function startedAfreshPast(db: Queryable, workshopId: string, personId: string): Promise<void> {
	await db.query('UPDATE read_only_write SET tried = false WHERE workshop_id = $1 AND person_id = $2', [workshopId, personId]);
}
