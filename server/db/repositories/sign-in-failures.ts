import type { Queryable } from '../db.ts';
import { signInWaitMs } from '../../../src/lib/domain/auth/throttle.ts';

/** Milliseconds the slowest of these keys must still wait before a new sign-in attempt. */
export async function waitBeforeSignIn(db: Queryable, keys: readonly string[], now: Date): Promise<number> {
	const rows = await db.query<{ failures: number; last_failure_at: Date | string }>(
		'SELECT failures, last_failure_at FROM sign_in_failure WHERE key = ANY($1::text[])',
		[keys]
	);
	return Math.max(0, ...rows.map((r) => signInWaitMs(r.failures, new Date(r.last_failure_at).getTime(), now.getTime())));
}

export async function recordSignInFailure(db: Queryable, keys: readonly string[], now: Date): Promise<void> {
	for (const key of keys) {
		await db.query(
			`INSERT INTO sign_in_failure (key, failures, last_failure_at) VALUES ($1, 1, $2)
			 ON CONFLICT (key) DO UPDATE SET failures = sign_in_failure.failures + 1, last_failure_at = $2`,
			[key, now]
		);
	}
}

export async function clearSignInFailures(db: Queryable, keys: readonly string[]): Promise<void> {
	await db.query('DELETE FROM sign_in_failure WHERE key = ANY($1::text[])', [keys]);
}
