import type { Queryable } from '../db.ts';
import type { MailStatus } from '../../../src/lib/domain/decisions/views.ts';

export interface OwnerMailState {
	ownerId: string;
	status: MailStatus;
	/** Failed attempts since the last success or the last link a facilitator asked for. */
	attempts: number;
	lastError: string | null;
	attemptedAt: Date;
	sentAt: Date | null;
	remindedAt: Date | null;
	linkOrigin: string;
}

interface Row {
	owner_id: string;
	status: MailStatus;
	attempts: number;
	last_error: string | null;
	attempted_at: Date | string;
	sent_at: Date | string | null;
	reminded_at: Date | string | null;
	link_origin: string;
}
const date = (v: Date | string | null) => (v === null ? null : new Date(v));
const toState = (r: Row): OwnerMailState => ({
	ownerId: r.owner_id,
	status: r.status,
	attempts: r.attempts,
	lastError: r.last_error,
	attemptedAt: new Date(r.attempted_at),
	sentAt: date(r.sent_at),
	remindedAt: date(r.reminded_at),
	linkOrigin: r.link_origin
});

/** An e-mail carrying a new link is about to go: pending until it is sent or fails. */
export async function mailPending(db: Queryable, workshopId: string, ownerId: string, linkOrigin: string): Promise<void> {
	await db.query(
		`INSERT INTO owner_mail (workshop_id, owner_id, status, link_origin) VALUES ($1, $2, 'pending', $3)
		 ON CONFLICT (workshop_id, owner_id) DO UPDATE SET status = 'pending', attempts = 0, attempted_at = now(), link_origin = EXCLUDED.link_origin`,
		[workshopId, ownerId, linkOrigin]
	);
}

/** The outcome of an attempt: sent (a reminder also counts as the last contact), or failed with why. */
export async function mailOutcome(db: Queryable, workshopId: string, ownerId: string, outcome: { sent: true; reminder: boolean } | { sent: false; error: string }): Promise<void> {
	if (outcome.sent)
		await db.query(
			`UPDATE owner_mail SET status = 'sent', attempts = 0, last_error = NULL, sent_at = now(),
			   reminded_at = CASE WHEN $3 THEN now() ELSE reminded_at END WHERE workshop_id = $1 AND owner_id = $2`,
			[workshopId, ownerId, outcome.reminder]
		);
	else
		await db.query(`UPDATE owner_mail SET status = 'failed', attempts = attempts + 1, last_error = $3 WHERE workshop_id = $1 AND owner_id = $2`, [
			workshopId,
			ownerId,
			outcome.error.slice(0, 500)
		]);
}

export async function readMailStates(db: Queryable, workshopId: string): Promise<OwnerMailState[]> {
	const rows = await db.query<Row>('SELECT * FROM owner_mail WHERE workshop_id = $1', [workshopId]);
	return rows.map(toState);
}

/** The owners of closed workshops the reminder job looks at: every one with an e-mail record. */
export async function mailStatesOfClosedWorkshops(db: Queryable): Promise<(OwnerMailState & { workshopId: string })[]> {
	const rows = await db.query<Row & { workshop_id: string }>(
		`SELECT m.* FROM owner_mail m JOIN workshop w ON w.id = m.workshop_id WHERE w.status = 'closed' ORDER BY m.workshop_id, m.owner_id`
	);
	return rows.map((r) => ({ ...toState(r), workshopId: r.workshop_id }));
}

/**
 * Takes an e-mail for sending if nobody else did since `seen` was read: it becomes 'pending'
 * (and for a reminder, the last contact is now, so the next one waits a full delay).
 */
export async function claimMail(tx: Queryable, seen: OwnerMailState & { workshopId: string }, reminder: boolean): Promise<boolean> {
	const rows = await tx.query(
		`UPDATE owner_mail SET status = 'pending', attempted_at = now(), reminded_at = CASE WHEN $4 THEN now() ELSE reminded_at END
		 WHERE workshop_id = $1 AND owner_id = $2 AND date_trunc('milliseconds', attempted_at) = $3 RETURNING owner_id`,
		[seen.workshopId, seen.ownerId, seen.attemptedAt, reminder]
	);
	return rows.length > 0;
}
