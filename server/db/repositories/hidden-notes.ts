import type { Queryable } from '../db.ts';
import type { Category } from '../../../src/lib/domain/workshop/categories.ts';

/** A note written in a silent phase, kept out of the shared document until reveal. */
export interface HiddenNoteRow {
	id: string;
	phaseId: string;
	authorId: string;
	authorCategory: Category | 'facilitator';
	anonymous: boolean;
	text: string;
	/** The prompt it was written under, kept until reveal. */
	prompt?: string;
	createdAt: Date;
}

interface Row {
	id: string;
	phase_id: string;
	author_id: string;
	author_category: HiddenNoteRow['authorCategory'];
	anonymous: boolean;
	text: string;
	prompt: string | null;
	created_at: Date | string;
}
const toNote = (r: Row): HiddenNoteRow => ({
	id: r.id,
	phaseId: r.phase_id,
	authorId: r.author_id,
	authorCategory: r.author_category,
	anonymous: r.anonymous,
	text: r.text,
	...(r.prompt ? { prompt: r.prompt } : {}),
	createdAt: new Date(r.created_at)
});

/** Stores a hidden note once: the id is the command's, so a retry finds it already there. */
export async function addHiddenNote(db: Queryable, workshopId: string, note: Omit<HiddenNoteRow, 'createdAt'>): Promise<void> {
	await db.query(
		`INSERT INTO hidden_note (workshop_id, id, phase_id, author_id, author_category, anonymous, text, prompt)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
		[workshopId, note.id, note.phaseId, note.authorId, note.authorCategory, note.anonymous, note.text, note.prompt ?? null]
	);
}

export async function findHiddenNote(db: Queryable, workshopId: string, id: string): Promise<HiddenNoteRow | null> {
	const rows = await db.query<Row>('SELECT * FROM hidden_note WHERE workshop_id = $1 AND id = $2', [workshopId, id]);
	return rows[0] ? toNote(rows[0]) : null;
}

/** An author's notes still waiting for reveal, oldest first. */
export async function hiddenNotesOf(db: Queryable, workshopId: string, authorId: string): Promise<HiddenNoteRow[]> {
	const rows = await db.query<Row>(
		`SELECT * FROM hidden_note WHERE workshop_id = $1 AND author_id = $2 AND revealed_at IS NULL ORDER BY created_at, id`,
		[workshopId, authorId]
	);
	return rows.map(toNote);
}

/** Every note still waiting for reveal, oldest first. */
export async function waitingHiddenNotes(db: Queryable, workshopId: string): Promise<HiddenNoteRow[]> {
	const rows = await db.query<Row>(`SELECT * FROM hidden_note WHERE workshop_id = $1 AND revealed_at IS NULL ORDER BY created_at, id`, [
		workshopId
	]);
	return rows.map(toNote);
}

export async function countHiddenNotes(db: Queryable, workshopId: string): Promise<number> {
	const rows = await db.query<{ n: number | string }>(
		'SELECT count(*) AS n FROM hidden_note WHERE workshop_id = $1 AND revealed_at IS NULL',
		[workshopId]
	);
	return Number(rows[0]?.n ?? 0);
}

export async function markRevealed(db: Queryable, workshopId: string, ids: readonly string[], now: Date): Promise<void> {
	if (ids.length === 0) return;
	await db.query('UPDATE hidden_note SET revealed_at = $3 WHERE workshop_id = $1 AND id = ANY($2::text[])', [workshopId, ids, now]);
}
