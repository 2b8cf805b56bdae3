import type { Db, Queryable } from '../db.ts';
import { FREE_FAILURES, keyKind, signInWaitMs } from '../../../src/lib/domain/auth/throttle.ts';

const waitOf = (r: { key: string; failures: number; last_failure_at: Date | string }, now: Date) =>
	signInWaitMs(r.failures, new Date(r.last_failure_at).getTime(), now.getTime(), FREE_FAILURES[keyKind(r.key)]);

/** Milliseconds the slowest of these keys must still wait before a new sign-in attempt. */
export async function waitBeforeSignIn(db: Queryable, keys: readonly string[], now: Date): Promise<number> {
	const rows = await db.query<{ key: string; failures: number; last_failure_at: Date | string }>(
		'SELECT key, failures, last_failure_at FROM sign_in_failure WHERE key = ANY($1::text[])',
		[keys]
	);
	return Math.max(0, ...rows.map((r) => waitOf(r, now)));
}

/**
 * Reserves one sign-in attempt for these keys, atomically: when none of them must wait, the
 * attempt is counted as a failure on each right away (before the slow password check) and 0
 * is returned; otherwise nothing is counted and the wait is returned. Concurrent attempts queue
 * on the keys' rows, so 150 guesses at once get the same allowance as 150 in a row.
 * A successful check then gives the attempt back (`signInSucceeded`).
 */
export async function reserveSignInAttempt(db: Pick<Db, 'transaction'>, keys: readonly string[], now: Date): Promise<number> {
	// Always in the same order, so two attempts on overlapping keys never deadlock.
	const sorted = [...new Set(keys)].sort();
	return db.transaction(async (tx) => {
		await tx.query(
			`INSERT INTO sign_in_failure (key, failures, last_failure_at)
			 SELECT k, 0, to_timestamp(0) FROM unnest($1::text[]) AS k ON CONFLICT (key) DO NOTHING`,
			[sorted]
		);
		const rows = await tx.query<{ key: string; failures: number; last_failure_at: Date | string }>(
			'SELECT key, failures, last_failure_at FROM sign_in_failure WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE',
			[sorted]
		);
		const wait = Math.max(0, ...rows.map((r) => waitOf(r, now)));
		if (wait > 0) return wait;
		await tx.query('UPDATE sign_in_failure SET failures = failures + 1, last_failure_at = $2 WHERE key = ANY($1::text[])', [sorted, now]);
		return 0;
	});
}

/**
 * The reserved attempt was the right password: the account's (or device's) failures are
 * cleared, and the address's reserved count is given back, no more: one good account must not
 * reset an address that guesses others.
 */
export async function signInSucceeded(db: Queryable, clear: readonly string[], giveBack: readonly string[]): Promise<void> {
	if (clear.length) await clearSignInFailures(db, clear);
	if (giveBack.length)
		await db.query('UPDATE sign_in_failure SET failures = greatest(failures - 1, 0) WHERE key = ANY($1::text[])', [giveBack]);
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
