import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import type { Db } from './db.ts';
import { openPostgres } from './postgres.ts';
import { openPglite } from './pglite.ts';
import { migrate, readMigrations } from './migrate.ts';

/** Where the SQL files are: beside this module in the source tree, copied beside the bundle in dist/. */
export function migrationsDir(): string {
	for (const rel of ['./migrations', './db/migrations', '../server/db/migrations']) {
		const dir = fileURLToPath(new URL(rel, import.meta.url));
		if (existsSync(dir)) return dir;
	}
	throw new Error('migrations folder not found');
}

/** PostgreSQL when a URL is given, embedded PGlite otherwise; migrated before use. */
export async function openDatabase(options: { databaseUrl: string | null; dataDir: string }): Promise<Db> {
	const db = options.databaseUrl ? openPostgres(options.databaseUrl) : await openPglite(options.dataDir);
	try {
		await migrate(db, readMigrations(migrationsDir()));
	} catch (e) {
		await db.close().catch(() => {});
		throw e;
	}
	return db;
}
