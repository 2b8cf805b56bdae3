import type { Queryable } from '../db.ts';
import { newId } from '../../auth/tokens.ts';
import type { Category } from '../../../src/lib/domain/workshop/categories.ts';
import type { AgeBand, Gender } from '../../../src/lib/domain/workshop/panel.ts';
import { eraseExpiredProxyNames } from './proxy-names.ts';
import { workshopRetentionMonthsSql } from './retention-months.ts';

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
	/** Set when their personal data (name, age band, gender, e-mail) was erased; the row stays for counts. */
	erasedAt: Date | null;
	joinedAt: Date;
	/** Left at the end of the workshop to be told when the owners answer; null when none (or erased). */
	answerEmail: string | null;
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
	erased_at: Date | string | null;
	created_at: Date | string;
	answer_email: string | null;
}
const dateOrNull = (v: Date | string | null) => (v === null ? null : new Date(v));
const toParticipant = (r: Row): Participant => ({
	id: r.id,
	workshopId: r.workshop_id,
	displayName: r.display_name,
	category: r.category,
	role: r.role,
	ageBand: r.age_band,
	gender: r.gender,
	anonymous: r.anonymous,
	removedAt: dateOrNull(r.removed_at),
	erasedAt: dateOrNull(r.erased_at),
	joinedAt: new Date(r.created_at),
	answerEmail: r.answer_email
});

export async function createParticipant(
	db: Queryable,
	input: {
		workshopId: string;
		displayName: string;
		category: Category;
		ageBand?: AgeBand | null;
		gender?: Gender | null;
		anonymous?: boolean;
		/** The retention period the join notice showed them (null: whatever applies at erasure time). */
		retentionMonths?: number | null;
	}
): Promise<Participant> {
	const rows = await db.query<Row>(
		`INSERT INTO participant (id, workshop_id, display_name, category, age_band, gender, anonymous, retention_months)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
		[
			newId(),
			input.workshopId,
			input.displayName,
			input.category,
			input.ageBand ?? null,
			input.gender ?? null,
			input.anonymous ?? false,
			input.retentionMonths ?? null
		]
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
 * them from now on. The row stays because their notes refer to it (authorId, category). The
 * report no longer counts them. Someone already erased cannot be removed: they took part,
 * and they have no session left to end.
 */
export async function removeParticipant(db: Queryable, workshopId: string, participantId: string, now: Date): Promise<boolean> {
	const rows = await db.query(
		'UPDATE participant SET removed_at = $3 WHERE id = $2 AND workshop_id = $1 AND removed_at IS NULL AND erased_at IS NULL RETURNING id',
		[workshopId, participantId, now]
	);
	if (rows.length === 0) return false;
	await db.query('DELETE FROM session WHERE participant_id = $1', [participantId]);
	return true;
}

/** What erasing blanks: every column that says who someone is. Their collège stays, for counts. */
const ERASED = `display_name = '', age_band = NULL, gender = NULL, answer_email = NULL, answer_email_consented_at = NULL`;

/**
 * A CTE (after one named `due`: the rows about to be erased, with workshop_id, age_band,
 * gender and removed_at) that adds their answers to their workshop's erased_answer_count,
 * so the report counts the same after the erasure. Only people the report counts: not
 * those a facilitator removed.
 */
const KEEP_ANSWER_COUNTS = `kept AS (
	INSERT INTO erased_answer_count (workshop_id, question, answer, n)
	SELECT workshop_id, question, answer, count(*) FROM (
		SELECT workshop_id, 'age_band' AS question, age_band AS answer FROM due WHERE removed_at IS NULL AND age_band IS NOT NULL
		UNION ALL
		SELECT workshop_id, 'gender', gender FROM due WHERE removed_at IS NULL AND gender IS NOT NULL
	) a GROUP BY workshop_id, question, answer
	ON CONFLICT (workshop_id, question, answer) DO UPDATE SET n = erased_answer_count.n + excluded.n
)`;

/**
 * The months a workshop keeps its participants' personal data: the shortest period among
 * its creator's organisations (the strictest promise wins), else the instance's default.
 */
export async function workshopRetentionMonths(db: Queryable, workshopId: string, defaultMonths: number): Promise<number> {
	const rows = await db.query<{ months: number | string | null }>(
		`SELECT min(o.participant_retention_months) AS months FROM workshop w
		 JOIN membership m ON m.facilitator_id = w.created_by JOIN organisation o ON o.id = m.organisation_id
		 WHERE w.id = $1`,
		[workshopId]
	);
	const months = rows[0]?.months;
	return months === null || months === undefined ? defaultMonths : Number(months);
}

/**
 * The retention promise of the join notice: a participant's name, age band, gender and e-mail
 * are erased once the period of their workshop's organisation has passed since they joined
 * (never later than the period they were shown when they joined; their collège stays, for
 * counts), and their sessions end. Returns how many participants were erased.
 */
export async function eraseExpiredParticipantData(db: Queryable, now: Date, defaultMonths: number): Promise<number> {
	const rows = await db.query<{ id: string }>(
		`WITH due AS (
		   SELECT p.id, p.workshop_id, p.age_band, p.gender, p.removed_at FROM participant p
		   JOIN workshop w ON w.id = p.workshop_id
		   WHERE p.erased_at IS NULL
		     AND p.created_at + make_interval(months => LEAST(
		       COALESCE(p.retention_months, $2::integer),
		       ${workshopRetentionMonthsSql('w', '$2')})) <= $1
		   FOR UPDATE OF p
		 ), ${KEEP_ANSWER_COUNTS}
		 UPDATE participant p SET ${ERASED}, erased_at = $1 FROM due WHERE p.id = due.id
		 RETURNING p.id`,
		[now, defaultMonths]
	);
	if (rows.length > 0) await db.query('DELETE FROM session WHERE participant_id = ANY($1::text[])', [rows.map((r) => r.id)]);
	// People who took part through a facilitator (proxy notes) have their names erased alike.
	const proxies = await eraseExpiredProxyNames(db, now, defaultMonths);
	return rows.length + proxies;
}

/**
 * Erases one participant's personal data now (asked by them or by a facilitator): the row
 * stays, with its collège, for counts; their sessions end and they are no longer a current
 * participant. A current participant gets removed_at = erased_at, which the report reads as
 * "took part, then erased" (counted); one removed earlier keeps their earlier removed_at (not
 * counted). False when there is no such participant or it was already erased.
 */
export async function eraseParticipantData(db: Queryable, workshopId: string, participantId: string, now: Date): Promise<boolean> {
	const rows = await db.query(
		`WITH due AS (
		   SELECT id, workshop_id, age_band, gender, removed_at FROM participant
		   WHERE id = $2 AND workshop_id = $1 AND erased_at IS NULL FOR UPDATE
		 ), ${KEEP_ANSWER_COUNTS}
		 UPDATE participant p SET ${ERASED}, erased_at = $3, removed_at = COALESCE(p.removed_at, $3) FROM due WHERE p.id = due.id
		 RETURNING p.id`,
		[workshopId, participantId, now]
	);
	if (rows.length === 0) return false;
	await db.query('DELETE FROM session WHERE participant_id = $1', [participantId]);
	return true;
}

/** Every participant who ever joined the workshop, removed and erased ones included, in the order they joined. */
export async function allParticipants(db: Queryable, workshopId: string): Promise<Participant[]> {
	const rows = await db.query<Row>('SELECT * FROM participant WHERE workshop_id = $1 ORDER BY created_at, id', [workshopId]);
	return rows.map(toParticipant);
}

/**
 * Records the e-mail a participant leaves to be told when the owners answer (with the time of
 * their consent), or forgets it (null). False when there is no such current, unerased participant.
 */
export async function setAnswerEmail(db: Queryable, workshopId: string, participantId: string, email: string | null, now: Date): Promise<boolean> {
	const rows = await db.query(
		`UPDATE participant SET answer_email = $3, answer_email_consented_at = $4
		 WHERE id = $2 AND workshop_id = $1 AND removed_at IS NULL AND erased_at IS NULL RETURNING id`,
		[workshopId, participantId, email, email === null ? null : now]
	);
	return rows.length > 0;
}

/** The e-mails to tell when the owners' answers come: participants who consented and were not erased. */
export async function readAnswerSubscribers(db: Queryable, workshopId: string): Promise<string[]> {
	const rows = await db.query<{ answer_email: string }>(
		`SELECT DISTINCT answer_email FROM participant
		 WHERE workshop_id = $1 AND erased_at IS NULL AND answer_email IS NOT NULL AND answer_email_consented_at IS NOT NULL
		 ORDER BY answer_email`,
		[workshopId]
	);
	return rows.map((r) => r.answer_email);
}
