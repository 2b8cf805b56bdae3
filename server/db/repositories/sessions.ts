import type { Queryable } from '../db.ts';
import { generateToken, hashToken } from '../../auth/tokens.ts';

export type SessionOwner = { facilitatorId: string } | { participantId: string };

export interface Session {
	id: string;
	facilitatorId: string | null;
	participantId: string | null;
	expiresAt: Date;
}

const DAY = 24 * 60 * 60 * 1000;

/** Creates a session and returns the token for the cookie (never stored as such). */
export async function createSession(
	db: Queryable,
	owner: SessionOwner,
	now: Date,
	days: number
): Promise<{ token: string; session: Session }> {
	const token = generateToken();
	const session: Session = {
		id: hashToken(token),
		facilitatorId: 'facilitatorId' in owner ? owner.facilitatorId : null,
		participantId: 'participantId' in owner ? owner.participantId : null,
		expiresAt: new Date(now.getTime() + days * DAY)
	};
	await db.query(
		'INSERT INTO session (id, facilitator_id, participant_id, expires_at) VALUES ($1, $2, $3, $4)',
		[session.id, session.facilitatorId, session.participantId, session.expiresAt]
	);
	return { token, session };
}

/**
 * Looks a token up. Expired sessions are deleted and refused; sessions past half their life
 * are extended (sliding expiry), and `renewed` tells the caller to re-send the cookie.
 */
export async function validateSession(
	db: Queryable,
	token: string,
	now: Date,
	days: number
): Promise<{ session: Session; renewed: boolean } | null> {
	if (!/^[a-z2-7]{20,64}$/.test(token)) return null;
	const id = hashToken(token);
	const rows = await db.query<{ facilitator_id: string | null; participant_id: string | null; expires_at: Date | string }>(
		'SELECT facilitator_id, participant_id, expires_at FROM session WHERE id = $1',
		[id]
	);
	const row = rows[0];
	if (!row) return null;
	const session: Session = {
		id,
		facilitatorId: row.facilitator_id,
		participantId: row.participant_id,
		expiresAt: new Date(row.expires_at)
	};
	if (now >= session.expiresAt) {
		await db.query('DELETE FROM session WHERE id = $1', [id]);
		return null;
	}
	const renewed = session.expiresAt.getTime() - now.getTime() < (days * DAY) / 2;
	if (renewed) {
		session.expiresAt = new Date(now.getTime() + days * DAY);
		await db.query('UPDATE session SET expires_at = $2 WHERE id = $1', [id, session.expiresAt]);
	}
	return { session, renewed };
}

export async function invalidateSession(db: Queryable, token: string): Promise<void> {
	await db.query('DELETE FROM session WHERE id = $1', [hashToken(token)]);
}
