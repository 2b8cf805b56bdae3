import type { Queryable } from '../db.ts';
import { workshopRetentionMonthsSql } from './retention-months.ts';

/** Names the person a facilitator wrote a note for (null forgets it). */
export async function setProxyName(db: Queryable, workshopId: string, noteId: string, name: string | null): Promise<void> {
	if (name === null) {
		await db.query('DELETE FROM proxy_name WHERE workshop_id = $1 AND note_id = $2', [workshopId, noteId]);
		return;
	}
	await db.query(
		`INSERT INTO proxy_name (workshop_id, note_id, name) VALUES ($1, $2, $3)
		 ON CONFLICT (workshop_id, note_id) DO UPDATE SET name = EXCLUDED.name`,
		[workshopId, noteId, name]
	);
}

/** The names behind a workshop's proxy notes, by note id: for its facilitators only. */
export async function readProxyNames(db: Queryable, workshopId: string): Promise<Record<string, string>> {
	const rows = await db.query<{ note_id: string; name: string }>('SELECT note_id, name FROM proxy_name WHERE workshop_id = $1', [workshopId]);
	return Object.fromEntries(rows.map((r) => [r.note_id, r.name]));
}

/**
 * Erases proxy names past the retention period of their workshop, as participants' names are
 * (the shortest of its creator's organisations' periods, else `defaultMonths`).
 */
export async function eraseExpiredProxyNames(db: Queryable, now: Date, defaultMonths: number): Promise<number> {
	const rows = await db.query(
		`DELETE FROM proxy_name x USING workshop w
		 WHERE w.id = x.workshop_id
		   AND x.created_at + make_interval(months => ${workshopRetentionMonthsSql('w', '$2')}) <= $1
		 RETURNING x.note_id`,
		[now, defaultMonths]
	);
	return rows.length;
}
