import type { Queryable } from '../db.ts';
import { generateToken, hashToken, newId } from '../../auth/tokens.ts';

const DAY = 24 * 60 * 60 * 1000;
const TOKEN = /^[a-z2-7]{20,64}$/;

/**
 * A new observer link for the workshop. Older links are revoked (and the sessions made from
 * them end): there is one live link per workshop, shown once to the facilitator who made it.
 */
export async function replaceObserverLink(db: Queryable, input: { workshopId: string; createdBy: string }): Promise<string> {
	await revokeObserverLinks(db, input.workshopId);
	const token = generateToken();
	await db.query('INSERT INTO observer_link (id, workshop_id, token_hash, created_by) VALUES ($1, $2, $3, $4)', [
		newId(),
		input.workshopId,
		hashToken(token),
		input.createdBy
	]);
	return token;
}

export async function revokeObserverLinks(db: Queryable, workshopId: string): Promise<void> {
	await db.query('DELETE FROM observer_link WHERE workshop_id = $1', [workshopId]);
}

export async function hasObserverLink(db: Queryable, workshopId: string): Promise<boolean> {
	return (await db.query('SELECT 1 FROM observer_link WHERE workshop_id = $1', [workshopId])).length > 0;
}

/** Opens a read-only session from an observer link; the returned token goes into the observer cookie. */
export async function startObserverSession(
	db: Queryable,
	linkToken: string,
	now: Date,
	days: number
): Promise<{ workshopId: string; token: string; expiresAt: Date } | null> {
	if (!TOKEN.test(linkToken)) return null;
	const links = await db.query<{ id: string; workshop_id: string }>('SELECT id, workshop_id FROM observer_link WHERE token_hash = $1', [
		hashToken(linkToken)
	]);
	const link = links[0];
	if (!link) return null;
	const token = generateToken();
	const expiresAt = new Date(now.getTime() + days * DAY);
	await db.query('INSERT INTO observer_session (id, link_id, workshop_id, expires_at) VALUES ($1, $2, $3, $4)', [
		hashToken(token),
		link.id,
		link.workshop_id,
		expiresAt
	]);
	return { workshopId: link.workshop_id, token, expiresAt };
}

/** Whether an observer session token is valid for this workshop (not expired, link not revoked). */
export async function validObserverSession(db: Queryable, workshopId: string, token: string, now: Date): Promise<boolean> {
	if (!TOKEN.test(token)) return false;
	const rows = await db.query<{ expires_at: Date | string }>(
		'SELECT expires_at FROM observer_session WHERE id = $1 AND workshop_id = $2',
		[hashToken(token), workshopId]
	);
	return rows.length > 0 && new Date(rows[0].expires_at) > now;
}
