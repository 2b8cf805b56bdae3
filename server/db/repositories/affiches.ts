import type { Queryable } from '../db.ts';
import {
	tally,
	type Affiche,
	type AfficheContent,
	type AfficheStatus,
	type Tally,
	type Validation,
	type ValidationChoice
} from '../../../src/lib/domain/affiche/affiche.ts';
import type { Category } from '../../../src/lib/domain/workshop/categories.ts';

interface AfficheRow {
	content: AfficheContent;
	version: number;
	status: AfficheStatus;
	published_at: Date | string | null;
	published_tally: Tally | null;
}

const toAffiche = (r: AfficheRow): Affiche => ({
	content: r.content,
	version: r.version,
	status: r.status,
	publishedAt: r.published_at === null ? null : new Date(r.published_at).getTime(),
	publishedTally: r.published_tally
});

/** A workshop's affiche, or null before the facilitator wrote one. `lock` holds its row for the transaction. */
export async function readAffiche(db: Queryable, workshopId: string, lock = false): Promise<Affiche | null> {
	const rows = await db.query<AfficheRow>(
		`SELECT content, version, status, published_at, published_tally FROM affiche WHERE workshop_id = $1${lock ? ' FOR UPDATE' : ''}`,
		[workshopId]
	);
	return rows[0] ? toAffiche(rows[0]) : null;
}

/**
 * Writes the content: the first one is version 1 (a draft); a changed one is the next version
 * (its validations start again: they are per version); the same content changes nothing.
 * Returns the version now current. The caller checked the affiche is not published.
 */
export async function saveAfficheContent(tx: Queryable, workshopId: string, content: AfficheContent): Promise<number> {
	// Typed as text first: both drivers then send our JSON string as is instead of encoding it again.
	const rows = await tx.query<{ version: number }>(
		`INSERT INTO affiche (workshop_id, content) VALUES ($1, $2::text::jsonb)
		 ON CONFLICT (workshop_id) DO UPDATE SET content = EXCLUDED.content, version = affiche.version + 1, updated_at = now()
		   WHERE affiche.content IS DISTINCT FROM EXCLUDED.content
		 RETURNING version`,
		[workshopId, JSON.stringify(content)]
	);
	if (rows[0]) return rows[0].version;
	return (await readAffiche(tx, workshopId))!.version;
}

export async function setAfficheStatus(
	tx: Queryable,
	workshopId: string,
	status: AfficheStatus,
	published?: { at: Date; tally: Tally }
): Promise<void> {
	await tx.query(
		`UPDATE affiche SET status = $2, published_at = $3, published_tally = $4::text::jsonb, updated_at = now() WHERE workshop_id = $1`,
		[workshopId, status, published?.at ?? null, published ? JSON.stringify(published.tally) : null]
	);
}

/** A participant's answer to a version; a second answer to the same version replaces the first. */
export async function saveValidation(
	tx: Queryable,
	workshopId: string,
	participantId: string,
	version: number,
	choice: ValidationChoice,
	comment: string
): Promise<void> {
	await tx.query(
		`INSERT INTO affiche_validation (workshop_id, participant_id, version, choice, comment) VALUES ($1, $2, $3, $4, $5)
		 ON CONFLICT (workshop_id, version, participant_id) DO UPDATE SET choice = EXCLUDED.choice, comment = EXCLUDED.comment, at = now()`,
		[workshopId, participantId, version, choice, comment]
	);
}

/** A validation as facilitators see it: with the participant's name (erased ones have none). */
export interface NamedValidation extends Validation {
	participantId: string;
	displayName: string;
}

/** The validations of one version by the workshop's current (not removed) participants, oldest first. */
export async function readValidations(db: Queryable, workshopId: string, version: number): Promise<NamedValidation[]> {
	const rows = await db.query<{ participant_id: string; display_name: string | null; category: Category; choice: ValidationChoice; comment: string }>(
		`SELECT v.participant_id, CASE WHEN p.erased_at IS NULL THEN p.display_name ELSE '' END AS display_name, p.category, v.choice, v.comment
		 FROM affiche_validation v JOIN participant p ON p.id = v.participant_id
		 WHERE v.workshop_id = $1 AND v.version = $2 AND p.removed_at IS NULL
		 ORDER BY v.at, v.participant_id`,
		[workshopId, version]
	);
	return rows.map((r) => ({ participantId: r.participant_id, displayName: r.display_name ?? '', category: r.category, choice: r.choice, comment: r.comment }));
}

export async function readTally(db: Queryable, workshopId: string, version: number): Promise<Tally> {
	return tally(await readValidations(db, workshopId, version));
}

/** A participant's own answer to a version, or null. */
export async function readMyValidation(
	db: Queryable,
	workshopId: string,
	participantId: string,
	version: number
): Promise<{ choice: ValidationChoice; comment: string } | null> {
	const rows = await db.query<{ choice: ValidationChoice; comment: string }>(
		'SELECT choice, comment FROM affiche_validation WHERE workshop_id = $1 AND participant_id = $2 AND version = $3',
		[workshopId, participantId, version]
	);
	return rows[0] ?? null;
}

/** The published affiche (for the restitution page), or null while there is none. */
export async function readPublishedAffiche(db: Queryable, workshopId: string): Promise<Affiche | null> {
	const affiche = await readAffiche(db, workshopId);
	return affiche?.status === 'published' ? affiche : null;
}
