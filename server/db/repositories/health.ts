import type { Queryable } from '../db.ts';

/** The cheapest round trip that proves the database answers (readiness probe). */
export async function ping(db: Queryable): Promise<void> {
	await db.query('SELECT 1');
}
