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

/**
 * Applies every migration not yet recorded, each in its own transaction, in order.
 * A failing migration is rolled back and stops the start with a message naming the file.
 */
export async function migrate(db: Db, migrations: readonly Migration[]): Promise<string[]> {
	await db.query(`CREATE TABLE IF NOT EXISTS schema_migration (
		name text PRIMARY KEY,
		applied_at timestamptz NOT NULL DEFAULT now()
	)`);
	const done = new Set(
		(await db.query<{ name: string }>('SELECT name FROM schema_migration')).map((r) => r.name)
	);
	const applied: string[] = [];
	for (const m of migrations) {
		if (done.has(m.name)) continue;
		try {
			await db.transaction(async (tx) => {
				for (const statement of splitStatements(m.sql)) await tx.query(statement);
				await tx.query('INSERT INTO schema_migration (name) VALUES ($1)', [m.name]);
			});
		} catch (e) {
			throw new MigrationError(`migration ${m.name} failed: ${(e as Error).message}`);
		}
		applied.push(m.name);
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
