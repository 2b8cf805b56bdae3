import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMigrations } from '../../server/db/migrate.ts';
import { migrationsDir, openDatabase } from '../../server/db/open.ts';
import { openPglite } from '../../server/db/pglite.ts';

/**
 * A fresh PGlite data directory costs ~3 s of initdb plus ~1.5 s of migrations on our 2-core
 * machine (a server started on an empty one is ready after ~8 s, on a copy after ~2 s). So
 * test databases and test servers copy a template, built once and kept in the temp folder
 * under a name that changes with the PGlite version and the migrations' text (a changed
 * migration builds a new template). The template is built aside and renamed into place, so a
 * concurrent worker never copies a half-built one. No test hooks here: Playwright loads it too.
 */
const templates = new Map<boolean, Promise<string>>();
export function pgliteTemplate(migrated: boolean): Promise<string> {
	let dir = templates.get(migrated);
	if (!dir) {
		dir = buildPgliteTemplate(migrated);
		templates.set(migrated, dir);
	}
	return dir;
}

/** A new data directory holding a copy of the (migrated unless told) template. */
export async function copyOfPgliteTemplate(migrated = true): Promise<string> {
	const dataDir = mkdtempSync(join(tmpdir(), 'concerto-test-'));
	try {
		cpSync(await pgliteTemplate(migrated), dataDir, { recursive: true });
	} catch (e) {
		rmSync(dataDir, { recursive: true, force: true });
		throw e;
	}
	return dataDir;
}

async function buildPgliteTemplate(migrated: boolean): Promise<string> {
	const pgliteVersion = JSON.parse(
		readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')
	).version as string;
	const hash = createHash('sha256').update(pgliteVersion);
	for (const m of migrated ? readMigrations(migrationsDir()) : []) hash.update(`\0${m.name}\0${m.sql}`);
	const dir = join(tmpdir(), `concerto-pglite-template-${hash.digest('hex').slice(0, 16)}`);
	if (existsSync(dir)) return dir;
	const building = mkdtempSync(join(tmpdir(), 'concerto-pglite-building-'));
	try {
		const db = migrated ? await openDatabase({ databaseUrl: null, dataDir: building }) : await openPglite(building);
		await db.close();
		renameSync(building, dir);
	} catch (e) {
		rmSync(building, { recursive: true, force: true });
		// Another worker renamed its template first: use that one.
		if (!existsSync(dir)) throw e;
	}
	return dir;
}
