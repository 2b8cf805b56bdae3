import type { Queryable } from '../db.ts';
import type { Seating } from '../../../src/lib/domain/tables/assign.ts';
import type { TableExtraTime } from '../../../src/lib/domain/tables/timer.ts';

/** A table of the plan as stored (its members are in `table_seat`). */
export interface TableRow {
	id: string;
	position: number;
	name: string;
	instructions: string;
	/** The participant who picks the table's contributions, or null. */
	reporterId: string | null;
	/** Extra time the facilitator gave this table, in the phase run it was given in (null: none). */
	extraTime: TableExtraTime | null;
}

const COLUMNS = `id, position, name, instructions, reporter_id AS "reporterId", extra_ms, extra_phase_id, extra_phase_started_at`;
type StoredRow = Omit<TableRow, 'extraTime'> & { extra_ms: number; extra_phase_id: string | null; extra_phase_started_at: string | number | null };
const toRow = ({ extra_ms, extra_phase_id, extra_phase_started_at, ...r }: StoredRow): TableRow => ({
	...r,
	extraTime: extra_phase_id !== null && extra_phase_started_at !== null ? { phaseId: extra_phase_id, startedAt: Number(extra_phase_started_at), ms: extra_ms } : null
});

/** Serialises every change of a workshop's plan (a split racing a late joiner, two facilitators). */
export async function lockPlan(tx: Queryable, workshopId: string): Promise<void> {
	await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tables:${workshopId}`]);
}

/** The workshop's tables, in the plan's order (empty: no plan). */
export async function readTables(db: Queryable, workshopId: string): Promise<TableRow[]> {
	const rows = await db.query<StoredRow>(`SELECT ${COLUMNS} FROM workshop_table WHERE workshop_id = $1 ORDER BY position, id`, [workshopId]);
	return rows.map(toRow);
}

/** Adds a table at the end of the plan. */
export async function createTable(tx: Queryable, workshopId: string, table: { id: string; name: string; instructions: string }): Promise<TableRow> {
	const rows = await tx.query<StoredRow>(
		`INSERT INTO workshop_table (workshop_id, id, position, name, instructions)
		 VALUES ($1, $2, (SELECT coalesce(max(position), 0) + 1 FROM workshop_table WHERE workshop_id = $1), $3, $4)
		 RETURNING ${COLUMNS}`,
		[workshopId, table.id, table.name, table.instructions]
	);
	return toRow(rows[0]);
}

/** Renames a table and sets its instructions; false when there is no such table. */
export async function updateTable(tx: Queryable, workshopId: string, tableId: string, change: { name: string; instructions: string }): Promise<boolean> {
	const rows = await tx.query('UPDATE workshop_table SET name = $3, instructions = $4 WHERE workshop_id = $1 AND id = $2 RETURNING id', [
		workshopId,
		tableId,
		change.name,
		change.instructions
	]);
	return rows.length > 0;
}

/** Removes a table; the people at it sit nowhere until placed again. False when there was none. */
export async function deleteTable(tx: Queryable, workshopId: string, tableId: string): Promise<boolean> {
	const rows = await tx.query('DELETE FROM workshop_table WHERE workshop_id = $1 AND id = $2 RETURNING id', [workshopId, tableId]);
	return rows.length > 0;
}

/** Who sits where: every table of the plan (empty ones too), its members in the order they sat down (then by id). */
export async function readSeating(db: Queryable, workshopId: string): Promise<Seating> {
	const [tables, seats] = await Promise.all([
		readTables(db, workshopId),
		db.query<{ table_id: string; participant_id: string }>(
			'SELECT table_id, participant_id FROM table_seat WHERE workshop_id = $1 ORDER BY seated_at, participant_id',
			[workshopId]
		)
	]);
	const seating: Seating = Object.fromEntries(tables.map((t) => [t.id, [] as string[]]));
	for (const s of seats) seating[s.table_id]?.push(s.participant_id);
	return seating;
}

/** Seats one participant (moving them if they sat elsewhere), or unseats them (null). */
export async function seat(tx: Queryable, workshopId: string, participantId: string, tableId: string | null): Promise<void> {
	if (tableId === null) {
		await tx.query('DELETE FROM table_seat WHERE workshop_id = $1 AND participant_id = $2', [workshopId, participantId]);
		return;
	}
	await tx.query(
		`INSERT INTO table_seat (workshop_id, participant_id, table_id) VALUES ($1, $2, $3)
		 ON CONFLICT (workshop_id, participant_id) DO UPDATE SET table_id = EXCLUDED.table_id, seated_at = now()`,
		[workshopId, participantId, tableId]
	);
}

/** Replaces the whole seating with `seating` (a new split). */
export async function replaceSeating(tx: Queryable, workshopId: string, seating: Seating): Promise<void> {
	await tx.query('DELETE FROM table_seat WHERE workshop_id = $1', [workshopId]);
	for (const [tableId, members] of Object.entries(seating))
		for (const participantId of members)
			await tx.query('INSERT INTO table_seat (workshop_id, participant_id, table_id) VALUES ($1, $2, $3)', [workshopId, participantId, tableId]);
}

/** Records (done) or withdraws (not done) a participant's "j'ai fini" for a phase run. */
export async function setDone(tx: Queryable, workshopId: string, run: { phaseId: string; startedAt: number }, participantId: string, done: boolean): Promise<void> {
	if (done)
		await tx.query(
			'INSERT INTO readiness (workshop_id, phase_id, phase_started_at, participant_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
			[workshopId, run.phaseId, run.startedAt, participantId]
		);
	else
		await tx.query('DELETE FROM readiness WHERE workshop_id = $1 AND phase_id = $2 AND phase_started_at = $3 AND participant_id = $4', [
			workshopId,
			run.phaseId,
			run.startedAt,
			participantId
		]);
}

/** Who said they were done in a phase run. */
export async function readDone(db: Queryable, workshopId: string, run: { phaseId: string; startedAt: number }): Promise<Set<string>> {
	const rows = await db.query<{ participant_id: string }>(
		'SELECT participant_id FROM readiness WHERE workshop_id = $1 AND phase_id = $2 AND phase_started_at = $3',
		[workshopId, run.phaseId, run.startedAt]
	);
	return new Set(rows.map((r) => r.participant_id));
}

/** Names a table's reporter (null: none); false when there is no such table. */
export async function setReporter(tx: Queryable, workshopId: string, tableId: string, participantId: string | null): Promise<boolean> {
	const rows = await tx.query('UPDATE workshop_table SET reporter_id = $3 WHERE workshop_id = $1 AND id = $2 RETURNING id', [workshopId, tableId, participantId]);
	return rows.length > 0;
}

/** Sets a table's extra time (for the phase run it names); false when there is no such table. */
export async function setExtraTime(tx: Queryable, workshopId: string, tableId: string, extra: TableExtraTime): Promise<boolean> {
	const rows = await tx.query(
		'UPDATE workshop_table SET extra_ms = $3, extra_phase_id = $4, extra_phase_started_at = $5 WHERE workshop_id = $1 AND id = $2 RETURNING id',
		[workshopId, tableId, extra.ms, extra.phaseId, extra.startedAt]
	);
	return rows.length > 0;
}

/** Picks (or drops) a note as its table's contribution to the plenary. */
export async function setContribution(tx: Queryable, workshopId: string, tableId: string, noteId: string, picked: boolean): Promise<void> {
	if (picked)
		await tx.query('INSERT INTO table_contribution (workshop_id, table_id, note_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [workshopId, tableId, noteId]);
	else await tx.query('DELETE FROM table_contribution WHERE workshop_id = $1 AND table_id = $2 AND note_id = $3', [workshopId, tableId, noteId]);
}

/** Each table's picked notes, in the order they were picked. */
export async function readContributions(db: Queryable, workshopId: string): Promise<Record<string, string[]>> {
	const rows = await db.query<{ table_id: string; note_id: string }>(
		'SELECT table_id, note_id FROM table_contribution WHERE workshop_id = $1 ORDER BY picked_at, note_id',
		[workshopId]
	);
	const out: Record<string, string[]> = {};
	for (const r of rows) (out[r.table_id] ??= []).push(r.note_id);
	return out;
}
