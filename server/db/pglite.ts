import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable } from './db.ts';

/**
 * Settings for a laptop. PostgreSQL's default 128 MB of shared buffers is a cache sized for a
 * server; a workshop's working set is a few megabytes and the files stay in the system's page
 * cache. None of these touch durability (fsync and the WAL are as before).
 */
const LAPTOP_SETTINGS = [
	'shared_buffers=16MB',
	'maintenance_work_mem=16MB',
	'temp_buffers=2MB',
	// PostgreSQL's default, stated because `script`'s literals rely on it (sql-literals.ts).
	'standard_conforming_strings=on'
];

/**
 * Makes a new data directory in a short-lived process of its own. Creating the cluster (initdb)
 * grows the WebAssembly memory to several hundred megabytes that a process never gives back:
 * done here, a first `npm start` held about 800 MB for its whole life instead of under 200 MB.
 */
async function createDataDir(dataDir: string): Promise<void> {
	const module = import.meta.resolve('@electric-sql/pglite');
	const script = `const { PGlite } = await import(${JSON.stringify(module)});
		const pg = await PGlite.create({ dataDir: ${JSON.stringify(dataDir)} });
		await pg.close();`;
	try {
		await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
	} catch (e) {
		throw new Error(`could not create the embedded database in ${dataDir}: ${(e as { stderr?: string }).stderr || (e as Error).message}`);
	}
}

/**
 * Embedded PostgreSQL (WASM) in-process, stored in `dataDir`. Used when no DATABASE_URL is
 * given so that `npm start` needs no database server. PGlite serialises queries itself, and a
 * query issued outside a transaction waits for the running transaction to end.
 */
export async function openPglite(dataDir: string): Promise<Db> {
	mkdirSync(dataDir, { recursive: true });
	if (!existsSync(join(dataDir, 'PG_VERSION'))) await createDataDir(dataDir);
	const pg = await PGlite.create({ dataDir, postgresqlconf: LAPTOP_SETTINGS });
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
		// One simple-protocol message: PostgreSQL runs its statements as one implicit transaction.
		async script(sql: string) {
			return (await pg.exec(sql)).map((r) => r.rows as Record<string, unknown>[]);
		},
		async close() {
			await pg.close();
		}
	};
}
