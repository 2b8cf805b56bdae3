import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable } from './db.ts';

/**
 * Embedded PostgreSQL (WASM) in-process, stored in `dataDir`. Used when no DATABASE_URL is
 * given so that `npm start` needs no database server. PGlite serialises queries itself, and a
 * query issued outside a transaction waits for the running transaction to end.
 */
export async function openPglite(dataDir: string): Promise<Db> {
	mkdirSync(dataDir, { recursive: true });
	const pg = await PGlite.create({ dataDir });
	const run = (q: Pick<PGlite, 'query'>): Queryable => ({
		async query<T>(text: string, params: readonly unknown[] = []) {
			const result = await q.query<T>(text, params as unknown[]);
			return result.rows;
		}
	});
	return {
		engine: 'pglite',
		query: run(pg).query,
		async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
			return pg.transaction((tx) => fn(run(tx)));
		},
		async close() {
			await pg.close();
		}
	};
}
