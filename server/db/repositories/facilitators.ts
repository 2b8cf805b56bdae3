import type { Queryable } from '../db.ts';
import { newId } from '../../auth/tokens.ts';

export interface Facilitator {
	id: string;
	email: string;
	displayName: string;
	locale: string;
}

interface Row {
	id: string;
	email: string;
	display_name: string;
	locale: string;
	password_hash: string;
}
const toFacilitator = (r: Row): Facilitator => ({ id: r.id, email: r.email, displayName: r.display_name, locale: r.locale });

/** Creates an account; returns null when the e-mail is already taken (case-insensitive). */
export async function createFacilitator(
	db: Queryable,
	input: { email: string; passwordHash: string; displayName: string; locale: string }
): Promise<Facilitator | null> {
	const rows = await db.query<Row>(
		`INSERT INTO facilitator (id, email, password_hash, display_name, locale) VALUES ($1, $2, $3, $4, $5)
		 ON CONFLICT DO NOTHING RETURNING *`,
		[newId(), input.email.trim(), input.passwordHash, input.displayName, input.locale]
	);
	return rows[0] ? toFacilitator(rows[0]) : null;
}

export async function findFacilitatorByEmail(
	db: Queryable,
	email: string
): Promise<(Facilitator & { passwordHash: string }) | null> {
	const rows = await db.query<Row>('SELECT * FROM facilitator WHERE lower(email) = lower($1)', [email.trim()]);
	return rows[0] ? { ...toFacilitator(rows[0]), passwordHash: rows[0].password_hash } : null;
}

export async function findFacilitator(db: Queryable, id: string): Promise<Facilitator | null> {
	const rows = await db.query<Row>('SELECT * FROM facilitator WHERE id = $1', [id]);
	return rows[0] ? toFacilitator(rows[0]) : null;
}
