import type { Queryable } from '../db.ts';

/** The ids of the notes a workshop already imported from earlier sessions of its series. */
export async function importedNoteIds(db: Queryable, workshopId: string): Promise<Set<string>> {
	const rows = await db.query<{ note_id: string }>('SELECT note_id FROM carried_note WHERE workshop_id = $1', [workshopId]);
	return new Set(rows.map((r) => r.note_id));
}

/** Records notes as imported (again is harmless). */
export async function recordImported(db: Queryable, workshopId: string, noteIds: readonly string[]): Promise<void> {
	if (noteIds.length === 0) return;
	await db.query(
		`INSERT INTO carried_note (workshop_id, note_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
		[workshopId, noteIds]
	);
}
