import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db.ts';
import { newId } from '../../auth/tokens.ts';
import { joinCodeFromBytes } from '../../../src/lib/domain/workshop/join-code.ts';

export interface Workshop {
	id: string;
	title: string;
	joinCode: string;
	createdBy: string;
	status: string;
	/** The language the workshop runs in: its agenda's texts are in it. */
	locale: string;
	/** Where it takes place ("À distance" for a remote one); '' when not said. */
	place: string;
	createdAt: Date;
}

interface Row {
	place?: string;
	id: string;
	title: string;
	join_code: string;
	created_by: string;
	status: string;
	locale: string;
	created_at: Date | string;
}
const toWorkshop = (r: Row): Workshop => ({
	id: r.id,
	title: r.title,
	joinCode: r.join_code,
	createdBy: r.created_by,
	status: r.status,
	locale: r.locale,
	place: r.place ?? '',
	createdAt: new Date(r.created_at)
});

/** Creates a workshop with a fresh join code (retried on the rare collision) and its facilitator. */
export async function createWorkshop(
	db: Queryable,
	input: { title: string; facilitatorId: string; locale?: string }
): Promise<Workshop> {
	for (let attempt = 0; attempt < 8; attempt++) {
		const rows = await db.query<Row>(
			`INSERT INTO workshop (id, title, join_code, created_by, locale) VALUES ($1, $2, $3, $4, $5)
			 ON CONFLICT (join_code) DO NOTHING RETURNING *`,
			[newId(), input.title, joinCodeFromBytes(randomBytes(8)), input.facilitatorId, input.locale ?? 'fr']
		);
		if (rows[0]) {
			await db.query('INSERT INTO workshop_facilitator (workshop_id, facilitator_id) VALUES ($1, $2)', [
				rows[0].id,
				input.facilitatorId
			]);
			return toWorkshop(rows[0]);
		}
	}
	throw new Error('could not find a free join code');
}

export async function findWorkshop(db: Queryable, id: string): Promise<Workshop | null> {
	const rows = await db.query<Row>('SELECT * FROM workshop WHERE id = $1', [id]);
	return rows[0] ? toWorkshop(rows[0]) : null;
}

export async function findWorkshopByJoinCode(db: Queryable, code: string): Promise<Workshop | null> {
	const rows = await db.query<Row>('SELECT * FROM workshop WHERE join_code = $1', [code]);
	return rows[0] ? toWorkshop(rows[0]) : null;
}

/** The workshops a facilitator runs, newest first. */
export async function listWorkshopsOf(db: Queryable, facilitatorId: string): Promise<Workshop[]> {
	const rows = await db.query<Row>(
		`SELECT w.* FROM workshop w JOIN workshop_facilitator f ON f.workshop_id = w.id
		 WHERE f.facilitator_id = $1 ORDER BY w.created_at DESC, w.id`,
		[facilitatorId]
	);
	return rows.map(toWorkshop);
}

export async function isFacilitatorOf(db: Queryable, workshopId: string, facilitatorId: string): Promise<boolean> {
	const rows = await db.query('SELECT 1 FROM workshop_facilitator WHERE workshop_id = $1 AND facilitator_id = $2', [
		workshopId,
		facilitatorId
	]);
	return rows.length > 0;
}

/** Which of these workshops a facilitator facilitates (series rights follow the sessions' rights). */
export async function facilitatedAmong(db: Queryable, facilitatorId: string, workshopIds: readonly string[]): Promise<Set<string>> {
	if (workshopIds.length === 0) return new Set();
	const rows = await db.query<{ workshop_id: string }>(
		'SELECT workshop_id FROM workshop_facilitator WHERE facilitator_id = $1 AND workshop_id = ANY($2::text[])',
		[facilitatorId, [...workshopIds]]
	);
	return new Set(rows.map((r) => r.workshop_id));
}

/**
 * 'ended' once the last phase is over (the join link then opens the restitution), 'open'
 * otherwise. A closed workshop stays closed: its decisions went to the owners, whatever the
 * clock does afterwards.
 */
export async function setWorkshopStatus(db: Queryable, id: string, status: 'open' | 'ended'): Promise<void> {
	await db.query(`UPDATE workshop SET status = $2 WHERE id = $1 AND status <> 'closed'`, [id, status]);
}

/** The workshop's status, its row locked until the transaction ends (closing and decision edits take turns). */
export async function lockWorkshopStatus(tx: Queryable, id: string): Promise<string | null> {
	const rows = await tx.query<{ status: string }>('SELECT status FROM workshop WHERE id = $1 FOR UPDATE', [id]);
	return rows[0]?.status ?? null;
}

/** Closes the workshop; false if it was closed already. */
export async function markWorkshopClosed(tx: Queryable, id: string): Promise<boolean> {
	const rows = await tx.query(`UPDATE workshop SET status = 'closed', closed_at = now() WHERE id = $1 AND status <> 'closed' RETURNING id`, [id]);
	return rows.length > 0;
}

/** Says where the workshop takes place (its facilitators, at creation or later). */
export async function setWorkshopPlace(db: Queryable, id: string, place: string): Promise<void> {
	await db.query('UPDATE workshop SET place = $2 WHERE id = $1', [id, place]);
}
