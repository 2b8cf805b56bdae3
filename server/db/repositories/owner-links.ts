import type { Queryable } from '../db.ts';
import { generateToken, hashToken, newId } from '../../auth/tokens.ts';

const TOKEN = /^[a-z2-7]{20,64}$/;

/**
 * A new secret link for one owner of a workshop; their older links are revoked (a replay of
 * one is told it was replaced). Returns the token, which is shown or sent once: only its
 * SHA-256 is stored. Run it in a transaction with what made it.
 */
export async function issueOwnerLink(tx: Queryable, input: { workshopId: string; ownerId: string; createdBy: string }): Promise<string> {
	await tx.query('UPDATE owner_link SET revoked_at = now() WHERE workshop_id = $1 AND owner_id = $2 AND revoked_at IS NULL', [input.workshopId, input.ownerId]);
	const token = generateToken();
	await tx.query('INSERT INTO owner_link (id, workshop_id, owner_id, token_hash, created_by) VALUES ($1, $2, $3, $4, $5)', [
		newId(),
		input.workshopId,
		input.ownerId,
		hashToken(token),
		input.createdBy
	]);
	return token;
}

export type OwnerLinkLookup = { status: 'valid'; workshopId: string; ownerId: string } | { status: 'revoked' } | { status: 'unknown' };

/** Who a link is for: valid, revoked (replaced by a newer link), or unknown (never made, or its owner removed). */
export async function findOwnerLink(db: Queryable, token: string): Promise<OwnerLinkLookup> {
	if (!TOKEN.test(token)) return { status: 'unknown' };
	const rows = await db.query<{ workshop_id: string; owner_id: string; revoked: boolean }>(
		'SELECT workshop_id, owner_id, revoked_at IS NOT NULL AS revoked FROM owner_link WHERE token_hash = $1',
		[hashToken(token)]
	);
	const row = rows[0];
	if (!row) return { status: 'unknown' };
	if (row.revoked) return { status: 'revoked' };
	return { status: 'valid', workshopId: row.workshop_id, ownerId: row.owner_id };
}

/** The owners of a workshop who have a live link. */
export async function ownersWithLinks(db: Queryable, workshopId: string): Promise<Set<string>> {
	const rows = await db.query<{ owner_id: string }>('SELECT DISTINCT owner_id FROM owner_link WHERE workshop_id = $1 AND revoked_at IS NULL', [workshopId]);
	return new Set(rows.map((r) => r.owner_id));
}
