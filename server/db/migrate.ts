import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './db.ts';

export interface Migration {
	name: string;
	sql: string;
}

/** Reads `NNN_name.sql` files in name order. */
export function readMigrations(dir: string): Migration[] {
	return readdirSync(dir)
		.filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
		.sort()
		.map((name) => ({ name, sql: readFileSync(join(dir, name), 'utf8') }));
}

export class MigrationError extends Error {
	override name = 'MigrationError';
}

/** Any fixed number: every Concerto instance takes this advisory lock to migrate. */
const MIGRATION_LOCK = 74_352_001;

/**
 * Applies every migration not yet recorded, each in its own transaction, in order.
 * A failing migration is rolled back and stops the start with a message naming the file.
 * Several instances starting at once on one database take turns (a transaction-scoped
 * advisory lock) and each checks again inside its turn, so a migration runs once.
 */
export async function migrate(db: Db, migrations: readonly Migration[]): Promise<string[]> {
	await db.transaction(async (tx) => {
		await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
		await tx.query(`CREATE TABLE IF NOT EXISTS schema_migration (
			name text PRIMARY KEY,
			applied_at timestamptz NOT NULL DEFAULT now()
		)`);
	});
	const applied: string[] = [];
	for (const m of migrations) {
		try {
			const ran = await db.transaction(async (tx) => {
				await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
				if ((await tx.query('SELECT 1 FROM schema_migration WHERE name = $1', [m.name])).length) return false;
				for (const statement of splitStatements(m.sql)) await tx.query(statement);
				await tx.query('INSERT INTO schema_migration (name) VALUES ($1)', [m.name]);
				return true;
			});
			if (ran) applied.push(m.name);
		} catch (e) {
			throw new MigrationError(`migration ${m.name} failed: ${(e as Error).message}`);
		}
	}
	return applied;
}

/**
 * Splits a migration on `;` at line ends. Extended-protocol queries (what both engines use
 * with parameters) take one statement each; our migrations keep function bodies out.
 */
export function splitStatements(sql: string): string[] {
	return sql
		.replace(/^\s*--.*$/gm, '')
		.split(/;\s*$/m)
		.map((s) => s.trim())
		.filter(Boolean);
}
