import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { openPglite } from './pglite.ts';

const dir = mkdtempSync(join(tmpdir(), 'concerto-pglite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a new embedded database is created, kept across restarts, and run with a laptop-sized cache', async () => {
	const dataDir = join(dir, 'data');
	const first = await openPglite(dataDir);
	await first.query('CREATE TABLE kept (text text)');
	await first.query("INSERT INTO kept VALUES ('« idée »')");
	expect(await first.query('SHOW shared_buffers')).toEqual([{ shared_buffers: '16MB' }]);
	await first.close();

	const again = await openPglite(dataDir);
	expect(await again.query('SELECT text FROM kept')).toEqual([{ text: '« idée »' }]);
	expect(await again.query('SHOW shared_buffers')).toEqual([{ shared_buffers: '16MB' }]);
	await again.close();
	// Creating a cluster (initdb, in a child process) then opening it twice takes ~8 s on a quiet
	// 2-core machine, and past 30 s on a busy one.
}, 120_000);
