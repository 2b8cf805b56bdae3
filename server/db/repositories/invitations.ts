import type { Queryable } from '../db.ts';
import { generateToken, hashToken, newId } from '../../auth/tokens.ts';

/** How long an invitation link stays valid. */
export const INVITATION_DAYS = 7;
const DAY = 24 * 60 * 60 * 1000;

export interface PendingInvitation {
	id: string;
	createdAt: Date;
	expiresAt: Date;
}

/** Makes a single-use co-facilitator invitation; the token is returned once, only its hash is kept. */
export async function createInvitation(db: Queryable, input: { workshopId: string; createdBy: string; now: Date }): Promise<{ token: string; id: string }> {
	const token = generateToken();
	const id = newId();
	await db.query(
		'INSERT INTO invitation (id, workshop_id, token_hash, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
		[id, input.workshopId, hashToken(token), input.createdBy, input.now, new Date(input.now.getTime() + INVITATION_DAYS * DAY)]
	);
	return { token, id };
}

/** The workshop an invitation token leads to, if it is still usable (not accepted, revoked or expired). */
export async function findUsableInvitation(db: Queryable, token: string, now: Date): Promise<{ id: string; workshopId: string } | null> {
	if (!/^[a-z2-7]{20,64}$/.test(token)) return null;
	const rows = await db.query<{ id: string; workshop_id: string }>(
		`SELECT id, workshop_id FROM invitation
		 WHERE token_hash = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $2`,
		[hashToken(token), now]
	);
	return rows[0] ? { id: rows[0].id, workshopId: rows[0].workshop_id } : null;
}

/**
 * Accepts an invitation for a facilitator account: it becomes co-facilitator of the workshop.
 * The invitation is consumed in the same statement that checks it, so two accounts racing
 * on one link cannot both get in.
 */
export async function acceptInvitation(db: Queryable, token: string, facilitatorId: string, now: Date): Promise<string | null> {
	if (!/^[a-z2-7]{20,64}$/.test(token)) return null;
	const rows = await db.query<{ workshop_id: string }>(
		`UPDATE invitation SET accepted_by = $2, accepted_at = $3
		 WHERE token_hash = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $3
		 RETURNING workshop_id`,
		[hashToken(token), facilitatorId, now]
	);
	const workshopId = rows[0]?.workshop_id;
	if (!workshopId) return null;
	await db.query(
		`INSERT INTO workshop_facilitator (workshop_id, facilitator_id, role) VALUES ($1, $2, 'co-facilitator')
		 ON CONFLICT (workshop_id, facilitator_id) DO NOTHING`,
		[workshopId, facilitatorId]
	);
	return workshopId;
}

export async function listPendingInvitations(db: Queryable, workshopId: string, now: Date): Promise<PendingInvitation[]> {
	const rows = await db.query<{ id: string; created_at: Date | string; expires_at: Date | string }>(
		`SELECT id, created_at, expires_at FROM invitation
		 WHERE workshop_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $2 ORDER BY created_at, id`,
		[workshopId, now]
	);
	return rows.map((r) => ({ id: r.id, createdAt: new Date(r.created_at), expiresAt: new Date(r.expires_at) }));
}

export async function revokeInvitation(db: Queryable, workshopId: string, id: string, now: Date): Promise<boolean> {
	const rows = await db.query('UPDATE invitation SET revoked_at = $3 WHERE workshop_id = $1 AND id = $2 AND accepted_at IS NULL AND revoked_at IS NULL RETURNING id', [
		workshopId,
		id,
		now
	]);
	return rows.length > 0;
}

/** The facilitators of a workshop with their role (creator or co-facilitator), for the roles panel. */
export async function listFacilitators(db: Queryable, workshopId: string): Promise<Array<{ id: string; displayName: string; role: string }>> {
	const rows = await db.query<{ id: string; display_name: string; role: string }>(
		`SELECT f.id, f.display_name, wf.role FROM workshop_facilitator wf JOIN facilitator f ON f.id = wf.facilitator_id
		 WHERE wf.workshop_id = $1 ORDER BY wf.role DESC, f.display_name, f.id`,
		[workshopId]
	);
	return rows.map((r) => ({ id: r.id, displayName: r.display_name, role: r.role }));
}
