import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

/** SECURITY.md names the test behind each defence: a renamed or removed test must not leave it pointing nowhere. */
describe('SECURITY.md', () => {
	test('every test it names exists', () => {
		const doc = readFileSync('SECURITY.md', 'utf8');
		const named = [...new Set([...doc.matchAll(/`((?:test|server|src)\/[\w./-]+\.(?:test|e2e)\.ts)`/g)].map((m) => m[1]))];
		expect(named.length).toBeGreaterThan(15);
		expect(named.filter((path) => !existsSync(path))).toEqual([]);
	});
});
