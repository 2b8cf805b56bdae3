// After `npm run build`: the JavaScript a phone downloads to open the participant page
// (/p/[id]) must stay under 150 KB gzip (DESIGN.md, non-functional targets). Exits non-zero
// above it, so `npm test` fails.
//
// What the page loads is read from SvelteKit's own build output: the client entry (start +
// app and their static imports) plus the static imports of the route's layouts and page —
// the very lists SvelteKit turns into <link rel="modulepreload">, and the one language catalog
// the root layout imports dynamically. app.js's dynamic imports of other routes' nodes are
// never loaded by this page.
// Sizes are those of the `.gz` files adapter-node serves (gzip level 9), or computed alike.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 150 * 1024;
const ROUTE_ID = '/p/[id]';
const SERVER_OUT = '.svelte-kit/output/server';
const CLIENT_DIRS = ['build/client', '.svelte-kit/output/client'];

/** @param {string} message @returns {never} */
function fail(message) {
	console.error(`phone budget: ${message}`);
	process.exit(1);
}

const manifestPath = join(SERVER_OUT, 'manifest.js');
if (!existsSync(manifestPath)) fail(`${manifestPath} not found: run \`npm run build\` first`);
const manifest = readFileSync(manifestPath, 'utf8');

/**
 * Parses the first `[...]` of string literals after `label` in `text`.
 * @param {string} text @param {string} label @param {number} [from] @returns {string[] | null}
 */
function stringList(text, label, from = 0) {
	const at = text.indexOf(label, from);
	if (at < 0) return null;
	const open = text.indexOf('[', at);
	const close = text.indexOf(']', open);
	return JSON.parse(text.slice(open, close + 1));
}

const entry = stringList(manifest, 'client:');
const clientImports = entry && stringList(manifest, 'imports:', manifest.indexOf('client:'));
if (!clientImports) fail('client entry not found in the server manifest (SvelteKit output changed?)');

const routeAt = manifest.indexOf(`id: ${JSON.stringify(ROUTE_ID)}`);
if (routeAt < 0) fail(`route ${ROUTE_ID} not found in the server manifest`);
const page = /page:\s*\{\s*layouts:\s*\[([^\]]*)\][^}]*leaf:\s*(\d+)/.exec(manifest.slice(routeAt));
if (!page) fail(`route ${ROUTE_ID} has no page in the server manifest`);
const nodes = [...page[1].split(',').filter((s) => s.trim() !== '').map(Number), Number(page[2])];

const files = new Set(clientImports);
for (const n of nodes) {
	const node = readFileSync(join(SERVER_OUT, 'nodes', `${n}.js`), 'utf8');
	const imports = stringList(node, 'export const imports');
	if (!imports) fail(`node ${n} lists no imports`);
	for (const f of imports) files.add(f);
}

// The root layout loads the page's language with a dynamic import (one catalog of two): the
// largest of the route nodes' dynamic imports counts, as the heavier language would.
const clientManifestPath = '.svelte-kit/output/client/.vite/manifest.json';
if (!existsSync(clientManifestPath)) fail(`${clientManifestPath} not found: run \`npm run build\` first`);
/** @type {Record<string, { file: string; dynamicImports?: string[] }>} */
const clientManifest = JSON.parse(readFileSync(clientManifestPath, 'utf8'));
const dynamic = nodes.flatMap((n) => clientManifest[`.svelte-kit/generated/client-optimized/nodes/${n}.js`]?.dynamicImports ?? []);
if (dynamic.length > 0) {
	const heaviest = dynamic.map((key) => clientManifest[key].file).sort((a, b) => gzipBytes(b) - gzipBytes(a))[0];
	files.add(heaviest);
}

/** @param {string} file @returns {number} */
function gzipBytes(file) {
	for (const dir of CLIENT_DIRS) {
		const path = join(dir, file);
		if (!existsSync(path)) continue;
		if (existsSync(`${path}.gz`)) return readFileSync(`${path}.gz`).length;
		return gzipSync(readFileSync(path), { level: 9 }).length;
	}
	fail(`${file} not found in ${CLIENT_DIRS.join(' or ')}`);
}

const rows = [...files].map((file) => ({ file, bytes: gzipBytes(file) })).sort((a, b) => b.bytes - a.bytes);
const total = rows.reduce((sum, r) => sum + r.bytes, 0);
const kb = (/** @type {number} */ b) => `${(b / 1024).toFixed(1)} KB`;
console.log(`phone budget: JavaScript of the participant page ${ROUTE_ID} (gzip):`);
for (const r of rows) console.log(`  ${kb(r.bytes).padStart(9)}  ${r.file}`);
console.log(`  ${kb(total).padStart(9)}  total, budget ${kb(BUDGET_BYTES)}`);
if (total > BUDGET_BYTES) fail(`${kb(total)} is over the ${kb(BUDGET_BYTES)} budget`);
console.log('phone budget: OK');
