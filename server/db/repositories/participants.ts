import type { Queryable } from '../db.ts';
import { newId } from '../../auth/tokens.ts';
import type { Category } from '../../../src/lib/domain/workshop/categories.ts';
import type { AgeBand, Gender } from '../../../src/lib/domain/workshop/panel.ts';

export interface Participant {
	id: string;
	workshopId: string;
	displayName: string;
	category: Category;
	role: 'participant' | 'editor';
	/** Only when the facilitator asked and the participant answered; null otherwise. */
	ageBand: AgeBand | null;
	gender: Gender | null;
	/** Chose no name: the display name is the word "Anonymous" in the language they joined in. */
	anonymous: boolean;
	/** Set when a facilitator removed them: no session, no access; their notes stay. */
	removedAt: Date | null;
}

interface Row {
	id: string;
	workshop_id: string;
	display_name: string;
	category: Category;
	role: Participant['role'];
	age_band: AgeBand | null;
	gender: Gender | null;
	anonymous: boolean;
	removed_at: Date | string | null;
}
const toParticipant = (r: Row): Participant => ({
	id: r.id,
	workshopId: r.workshop_id,
	displayName: r.display_name,
	category: r.category,
	role: r.role,
	ageBand: r.age_band,
	gender: r.gender,
	anonymous: r.anonymous,
	removedAt: r.removed_at === null ? null : new Date(r.removed_at)
});

export async function createParticipant(
	db: Queryable,
	input: { workshopId: string; displayName: string; category: Category; ageBand?: AgeBand | null; gender?: Gender | null; anonymous?: boolean }
): Promise<Participant> {
	const rows = await db.query<Row>(
		`INSERT INTO participant (id, workshop_id, display_name, category, age_band, gender, anonymous)
		 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
		[newId(), input.workshopId, input.displayName, input.category, input.ageBand ?? null, input.gender ?? null, input.anonymous ?? false]
	);
	return toParticipant(rows[0]);
}

/** A participant, removed or not: callers granting access must check `removedAt`. */
export async function findParticipant(db: Queryable, id: string): Promise<Participant | null> {
	const rows = await db.query<Row>('SELECT * FROM participant WHERE id = $1', [id]);
	return rows[0] ? toParticipant(rows[0]) : null;
}

/** The workshop's current participants (not removed), in the order they joined. */
export async function listParticipants(db: Queryable, workshopId: string): Promise<Participant[]> {
	const rows = await db.query<Row>(
		'SELECT * FROM participant WHERE workshop_id = $1 AND removed_at IS NULL ORDER BY created_at, id',
		[workshopId]
	);
	return rows.map(toParticipant);
}

/** Promotes a participant to editor or back; false when there is no such current participant. */
export async function setParticipantRole(db: Queryable, workshopId: string, participantId: string, role: Participant['role']): Promise<boolean> {
	const rows = await db.query(
		'UPDATE participant SET role = $3 WHERE id = $2 AND workshop_id = $1 AND removed_at IS NULL RETURNING id',
		[workshopId, participantId, role]
	);
	return rows.length > 0;
}

/**
 * Removes a participant: marks the row and deletes their sessions, so every channel refuses
 * them from now on. The row stays because their notes refer to it (authorId, category).
 */
export async function removeParticipant(db: Queryable, workshopId: string, participantId: string, now: Date): Promise<boolean> {
	const rows = await db.query(
		'UPDATE participant SET removed_at = $3 WHERE id = $2 AND workshop_id = $1 AND removed_at IS NULL RETURNING id',
		[workshopId, participantId, now]
	);
	if (rows.length === 0) return false;
	await db.query('DELETE FROM session WHERE participant_id = $1', [participantId]);
	return true;
}

/**
 * The retention promise of the join notice: a participant's name, age band and gender are
 * erased `months` after they joined (their category stays, for counts), and their sessions end.
 * Returns how many participants were erased.
 */
export async function eraseExpiredParticipantData(db: Queryable, now: Date, months: number): Promise<number> {
	const cutoff = new Date(now);
	cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
	const rows = await db.query<{ id: string }>(
		`UPDATE participant SET display_name = '', age_band = NULL, gender = NULL, erased_at = $2
		 WHERE created_at < $1 AND erased_at IS NULL RETURNING id`,
		[cutoff, now]
	);
	if (rows.length > 0) await db.query('DELETE FROM session WHERE participant_id = ANY($1::text[])', [rows.map((r) => r.id)]);
	return rows.length;
}
