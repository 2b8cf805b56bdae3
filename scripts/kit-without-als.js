// Leaves AsyncLocalStorage out of SvelteKit's built server (build/server), so that the sync
// server sharing its process pays nothing for it on every message.
//
// On Node 20 an AsyncLocalStorage's first `run` switches async hooks on for the whole process,
// for good: from the first page served, every promise, `process.nextTick` and socket write runs
// a hook, and a board update fanned out to 300 phones is 300 socket writes (issue 15: CPU per
// delivered message; Node ≥ 22 carries the context without hooks). SvelteKit runs without it
// wherever `node:async_hooks` is missing: `getRequestEvent()`, `$app/paths`' `resolve()` and
// remote functions then see the request only before the first `await`. Concerto uses none of
// them (eslint forbids `$app/server` and `$app/paths`).
//
// adapter-node bundles SvelteKit's runtime into build/server itself, after Vite's plugins have
// run, so the import is rewritten here, in the built chunk, to fail as it does where the module
// is missing. If SvelteKit rewrites this code, the build stops rather than keep the hooks.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const KIT_ALS = /import\('node:async_hooks'\)(\s*\.then\(\(hooks\) => \(als = new hooks\.AsyncLocalStorage\(\)\)\))/;
const FAILING = "Promise.reject(new Error('AsyncLocalStorage left out of the build'))";

/** @param {string} dir @returns {string[]} */
const jsFiles = (dir) =>
	readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? jsFiles(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : []
	);

/** @param {string} serverDir adapter-node's build/server */
export function buildKitWithoutAsyncLocalStorage(serverDir) {
	const hits = jsFiles(serverDir).filter((f) => KIT_ALS.test(readFileSync(f, 'utf8')));
	if (hits.length !== 1) throw new Error(`SvelteKit's AsyncLocalStorage found in ${hits.length} built files, expected 1: see scripts/kit-without-als.js`);
	const file = hits[0];
	writeFileSync(file, readFileSync(file, 'utf8').replace(KIT_ALS, `${FAILING}$1`));
	return file;
}
