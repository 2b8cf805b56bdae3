import type { Queryable } from '../db.ts';
import { hashToken } from '../../auth/tokens.ts';

/** Remembers a device that signed in to this account (its cookie's token, stored hashed). */
export async function rememberDevice(db: Queryable, token: string, facilitatorId: string): Promise<void> {
	await db.query(
		`INSERT INTO sign_in_device (token_hash, facilitator_id) VALUES ($1, $2)
		 ON CONFLICT (token_hash) DO UPDATE SET last_used_at = now() WHERE sign_in_device.facilitator_id = EXCLUDED.facilitator_id`,
		[hashToken(token), facilitatorId]
	);
}

/**
 * The device key to throttle on when this cookie's token is a known device of the account
 * signing in, or null (unknown token, another account's device, no cookie).
 */
export async function knownDeviceKey(db: Queryable, token: string | undefined, email: string): Promise<string | null> {
	if (!token || token.length > 64) return null;
	const hash = hashToken(token);
	const rows = await db.query<{ ok: number }>(
		`SELECT 1 AS ok FROM sign_in_device d JOIN facilitator f ON f.id = d.facilitator_id
		 WHERE d.token_hash = $1 AND lower(f.email) = lower($2)`,
		[hash, email]
	);
	return rows[0] ? `device:${hash}` : null;
}
