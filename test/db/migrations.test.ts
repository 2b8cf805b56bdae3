import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MigrationError, migrate, readMigrations, splitStatements } from '../../server/db/migrate.ts';
import { migrationsDir } from '../../server/db/open.ts';
import { createTestDatabaseUrl, engines, withDatabase, type TestDatabase } from '../helpers/databases.ts';
import { openPostgres } from '../../server/db/postgres.ts';

const files = readMigrations(migrationsDir());

describe.each(engines())('%s migrations', (engine) => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await withDatabase(engine, { migrate: false });
	});
	afterAll(() => t?.close());

	const recorded = async () =>
		(await t.db.query<{ name: string }>('SELECT name FROM schema_migration ORDER BY name')).map((r) => r.name);

	test('a fresh database gets every migration, in order, recorded once', async () => {
		expect(files.length).toBeGreaterThan(0);
		const applied = await migrate(t.db, files);
		expect(applied).toEqual(files.map((f) => f.name));
		expect(await recorded()).toEqual(files.map((f) => f.name));
		// The schema is really there, not just recorded.
		const tables = await t.db.query<{ table_name: string }>(
			`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`
		);
		expect(tables.map((r) => r.table_name)).toEqual(
			expect.arrayContaining(['facilitator', 'session', 'workshop', 'participant', 'yjs_update', 'yjs_snapshot', 'live_command'])
		);
	});

	test('a second start applies nothing and changes nothing', async () => {
		const before = await recorded();
		expect(await migrate(t.db, files)).toEqual([]);
		expect(await recorded()).toEqual(before);
	});

	test('a broken migration is rolled back, not recorded, and named in the error', async () => {
		const extra = [
			...files,
			{ name: '900_good.sql', sql: 'CREATE TABLE test_good (a integer);' },
			{
				name: '901_broken.sql',
				sql: 'CREATE TABLE test_half_done (a integer);\nINSERT INTO test_missing_table VALUES (1);'
			}
		];
		const error = await migrate(t.db, extra).then(
			() => null,
			(e: unknown) => e
		);
		expect(error).toBeInstanceOf(MigrationError);
		expect((error as Error).message).toMatch(/901_broken\.sql/);
		expect((error as Error).message).toMatch(/test_missing_table/);

		const names = await recorded();
		expect(names).toContain('900_good.sql');
		expect(names).not.toContain('901_broken.sql');
		const tables = async (name: string) =>
			(await t.db.query(`SELECT 1 FROM information_schema.tables WHERE table_name = $1`, [name])).length;
		expect(await tables('test_good')).toBe(1);
		expect(await tables('test_half_done')).toBe(0);
	});

	test('once fixed, the migration that failed is applied on the next start', async () => {
		const fixed = [...files, { name: '901_broken.sql', sql: 'CREATE TABLE test_half_done (a integer);' }];
		expect(await migrate(t.db, fixed)).toEqual(['901_broken.sql']);
	});
});

describe('migration files', () => {
	test('are numbered NNN_name.sql without gaps or duplicates', () => {
		const numbers = files.map((f) => Number(f.name.slice(0, 3)));
		expect(numbers).toEqual(numbers.map((_, i) => i + 1));
	});

	test('splitStatements keeps one statement per query and drops comment lines', () => {
		const sql = '-- a table\nCREATE TABLE a (x text DEFAULT \'x;y\');\n\n-- an index\nCREATE INDEX a_x ON a (x);\n';
		expect(splitStatements(sql)).toEqual(["CREATE TABLE a (x text DEFAULT 'x;y')", 'CREATE INDEX a_x ON a (x)']);
	});
});

describe.skipIf(!process.env.DATABASE_URL)('two instances starting at once', () => {
	test('migrate one fresh PostgreSQL database together: each migration runs once, neither fails', async () => {
		const fresh = await createTestDatabaseUrl();
		const [a, b] = [openPostgres(fresh.url), openPostgres(fresh.url)];
		try {
			const [byA, byB] = await Promise.all([migrate(a, files), migrate(b, files)]);
			expect([...byA, ...byB].sort()).toEqual(files.map((f) => f.name).sort());
			const rows = await a.query<{ name: string }>('SELECT name FROM schema_migration ORDER BY name');
			expect(rows.map((r) => r.name)).toEqual(files.map((f) => f.name));
		} finally {
			await Promise.all([a.close(), b.close()]);
			await fresh.drop();
		}
	});
});
