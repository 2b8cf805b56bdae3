import { randomBytes } from 'node:crypto';
import { closeSync, openSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import postgres from 'postgres';
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../../server/db/db.ts';
import { openDatabase } from '../../server/db/open.ts';
import { openPglite } from '../../server/db/pglite.ts';
import { openPostgres } from '../../server/db/postgres.ts';
import { copyOfPgliteTemplate } from './pglite-template.ts';

/**
 * Databases for tests. Every suite gets its own: a PGlite data directory in the temp folder,
 * or a `concerto_test_<random>` database created on the server DATABASE_URL points at. The
 * server may be shared (CI runs on the machine's PostgreSQL), so we only ever drop the
 * databases we created ourselves.
 */
export type Engine = 'pglite' | 'postgres';

export interface TestDatabase {
	db: Db;
	/** PGlite's data directory (to reopen it after a simulated outage); null on PostgreSQL. */
	dataDir: string | null;
	/** Closes the connection (if still open) and removes the database (data directory or PostgreSQL database). */
	close(): Promise<void>;
}

const adminUrl = (): string | null => process.env.DATABASE_URL || null;

/** The engines to run a contract suite on: PGlite always, PostgreSQL when DATABASE_URL is set. */
export function engines(): Engine[] {
	if (adminUrl()) return ['pglite', 'postgres'];
	warnOnce();
	return ['pglite'];
}

/**
 * Creates an empty PostgreSQL database for one test run and returns its URL; `drop()` removes
 * it (closing any connection still open to it). Needs DATABASE_URL.
 */
export async function createTestDatabaseUrl(): Promise<{ url: string; drop(): Promise<void> }> {
	const admin = adminUrl();
	if (!admin) throw new Error('createTestDatabaseUrl needs DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)');
	const name = `concerto_test_${randomBytes(6).toString('hex')}`;
	await asAdmin(admin, (sql) => sql.unsafe(`CREATE DATABASE "${name}"`));
	const url = new URL(admin);
	url.pathname = `/${name}`;
	let dropped = false;
	return {
		url: url.toString(),
		async drop() {
			if (dropped) return;
			dropped = true;
			await asAdmin(admin, (sql) => sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
		}
	};
}

/** A fresh database on `engine`, migrated unless `migrate: false` (for the migration tests). */
export async function withDatabase(engine: Engine, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
	const migrate = options.migrate ?? true;
	if (engine === 'pglite') {
		const dataDir = await copyOfPgliteTemplate(migrate);
		const remove = () => rmSync(dataDir, { recursive: true, force: true });
		try {
			// openDatabase still runs the migrations: on a migrated copy it finds nothing to do.
			const db = migrate ? await openDatabase({ databaseUrl: null, dataDir }) : await openPglite(dataDir);
			// A test may have closed it already to simulate an outage.
			return { db, dataDir, close: () => db.close().catch(() => {}).finally(remove) };
		} catch (e) {
			remove();
			throw e;
		}
	}
	const target = await createTestDatabaseUrl();
	try {
		const db = migrate ? await openDatabase({ databaseUrl: target.url, dataDir: '' }) : openPostgres(target.url, { max: 4 });
		return { db, dataDir: null, close: () => db.close().catch(() => {}).finally(() => target.drop()) };
	} catch (e) {
		await target.drop();
		throw e;
	}
}

/**
 * Opens a fresh migrated database before the suite's tests and removes it after; call inside a
 * `describe`. Tests share it, so they make their own rows (ids are random) and never count all rows.
 */
export function useDatabase(engine: Engine): () => Db {
	let current: TestDatabase | null = null;
	beforeAll(async () => {
		current = await withDatabase(engine);
	});
	afterAll(async () => {
		await current?.close();
		current = null;
	});
	return () => {
		if (!current) throw new Error('the test database is only open inside the suite');
		return current.db;
	};
}

async function asAdmin<T>(url: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
	const sql = postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: 'concerto-tests' } });
	try {
		return await fn(sql);
	} finally {
		await sql.end({ timeout: 5 });
	}
}

/**
 * Vitest loads this module afresh in every test file; a marker file named after the run's
 * main process (the parent of a fork, or this process for a worker thread) makes the notice
 * appear once per run instead of once per file. A marker older than an hour is from an
 * earlier run whose process id was reused.
 */
function warnOnce(): void {
	const marker = join(tmpdir(), `concerto-pg-notice-${isMainThread ? process.ppid : process.pid}`);
	try {
		if (Date.now() - statSync(marker).mtimeMs > 3_600_000) rmSync(marker, { force: true });
	} catch {
		// no marker yet
	}
	try {
		closeSync(openSync(marker, 'wx'));
	} catch {
		return;
	}
	console.warn(
		'PostgreSQL tests skipped: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run the database contract suites on PostgreSQL too; they ran on PGlite only.'
	);
}
