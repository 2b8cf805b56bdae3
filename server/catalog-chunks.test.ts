import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { CATALOG_CHUNKS_FILE, readCatalogChunks } from './catalog-chunks.ts';

const dirs: string[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A client output folder holding `content` as its catalog map (none when undefined). */
function clientDir(content?: string): URL {
	const dir = mkdtempSync(join(tmpdir(), 'concerto-catalogs-'));
	dirs.push(dir);
	if (content !== undefined) writeFileSync(join(dir, CATALOG_CHUNKS_FILE), content);
	return pathToFileURL(`${dir}/`);
}

describe('readCatalogChunks', () => {
	test('reads the file of each language', () => {
		const map = { fr: '_app/immutable/chunks/DNZuDpxk.js', en: '_app/immutable/chunks/B2QgZgGL.js' };
		expect(readCatalogChunks(clientDir(JSON.stringify(map)))).toEqual(map);
	});

	test('no map (vite dev, an older build): no preload at all, the pages still work', () => {
		expect(readCatalogChunks(clientDir())).toEqual({});
	});

	// The names go into every page's head as they are: nothing but a plain path to a script passes.
	test('drops unknown languages and anything that is not a plain relative path to a script', () => {
		const map = {
			fr: '_app/immutable/chunks/a.js"><script>alert(1)</script>',
			en: '../../secrets/x.js',
			de: '_app/immutable/chunks/de.js'
		};
		expect(readCatalogChunks(clientDir(JSON.stringify(map)))).toEqual({});
		expect(readCatalogChunks(clientDir(JSON.stringify({ fr: '_app/style.css', en: 42 })))).toEqual({});
	});
});
