import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { createWorkshop, joinAs, signUp } from '../helpers/http.ts';
import { LOCALE_COOKIE } from '../../src/lib/i18n/index.ts';
import { fr } from '../../src/lib/i18n/fr.ts';
import { en } from '../../src/lib/i18n/en.ts';

/**
 * Every page names its own language's catalog in <head> as a modulepreload, so a phone fetches
 * it with the other scripts instead of one round trip after the root layout's code has run.
 * Only that language (a phone never downloads both), at the very URL the root layout's dynamic
 * import asks for (otherwise the browser would fetch it a second time).
 */
let server: RunningServer;
let participant: string;
let workshopId: string;

beforeAll(async () => {
	server = await startServer();
	const facilitator = await signUp(server.url);
	const workshop = await createWorkshop(server.url, facilitator, 'Accueil en mairie');
	workshopId = workshop.id;
	participant = await joinAs(server.url, workshop.joinCode, 'Inès', 'usager');
});
afterAll(async () => {
	await server?.kill();
	if (server) removeDir(server.dataDir);
});

const MODULEPRELOAD = /<link\b[^>]*\brel="modulepreload"[^>]*>/g;
const DYNAMIC_IMPORT = /\bimport\(\s*[`'"]([^`'"]+)[`'"]\s*\)/g;

const STATIC_IMPORT = /\b(?:from|import)\s*[`'"](\.{1,2}\/[^`'"]+)[`'"]/g;

/**
 * The absolute URLs a module imports dynamically, itself or through the modules it imports
 * statically: the build may leave a page's node as a re-export of a chunk shared with other
 * pages (vite.config.ts), where its code, and its dynamic imports, then are.
 */
async function dynamicImportsOf(moduleUrl: string, seen = new Set<string>()): Promise<string[]> {
	if (seen.has(moduleUrl)) return [];
	seen.add(moduleUrl);
	const code = await (await fetch(moduleUrl)).text();
	const own = [...code.matchAll(DYNAMIC_IMPORT)].map(([, specifier]) => new URL(specifier, moduleUrl).href);
	const statics = [...code.matchAll(STATIC_IMPORT)].map(([, specifier]) => new URL(specifier, moduleUrl).href);
	const nested = await Promise.all(statics.map((url) => dynamicImportsOf(url, seen)));
	return own.concat(...nested);
}

/** The page's HTML head and the absolute URLs of the modulepreloads it holds. */
async function headPreloads(path: string, headers: Record<string, string>): Promise<{ preloads: string[]; rootLayout: string }> {
	const url = `${server.url}${path}`;
	const res = await fetch(url, { headers });
	expect(res.status, path).toBe(200);
	const html = await res.text();
	const head = html.slice(0, html.indexOf('</head>'));
	const preloads = [...head.matchAll(MODULEPRELOAD)].map(([tag]) => {
		// Mirrors SvelteKit's own modulepreloads: no crossorigin, so the request's mode matches the dynamic import's.
		expect(tag).not.toContain('crossorigin');
		return new URL(/href="([^"]+)"/.exec(tag)![1], url).href;
	});
	// SvelteKit lists the root layout's module (node 0) among the scripts of its Link header.
	const link = res.headers.get('link') ?? '';
	const rootLayout = /<([^>]*\/nodes\/0\.[^>]*\.js)>/.exec(link)?.[1];
	expect(rootLayout, 'root layout module in the Link header').toBeTruthy();
	return { preloads, rootLayout: new URL(rootLayout!, url).href };
}

const pages = () => [
	{ name: 'home page', path: '/', cookie: '' },
	{ name: 'participant page', path: `/p/${workshopId}`, cookie: participant }
];

const languages: { locale: string; headers: Record<string, string>; skip: string; other: string }[] = [
	{ locale: 'fr', headers: { 'accept-language': 'fr-FR,fr;q=0.9' }, skip: fr['nav.skip'], other: en['nav.skip'] },
	{ locale: 'fr (no Accept-Language: the default)', headers: {}, skip: fr['nav.skip'], other: en['nav.skip'] },
	{ locale: 'en', headers: { 'accept-language': 'en-GB,en;q=0.9' }, skip: en['nav.skip'], other: fr['nav.skip'] },
	{ locale: 'en (language cookie over a French browser)', headers: { 'accept-language': 'fr', cookie: `${LOCALE_COOKIE}=en` }, skip: en['nav.skip'], other: fr['nav.skip'] }
];

describe('the page preloads its own language catalog from <head>', () => {
	test.each(languages)('$locale', async ({ headers, skip, other }) => {
		for (const page of pages()) {
			const cookie = [headers.cookie, page.cookie].filter(Boolean).join('; ');
			const { preloads, rootLayout } = await headPreloads(page.path, { ...headers, ...(cookie ? { cookie } : {}) });
			expect(preloads, page.name).toHaveLength(1);
			const [catalog] = preloads;

			const script = await fetch(catalog);
			expect(script.status, page.name).toBe(200);
			expect(script.headers.get('content-type'), page.name).toMatch(/javascript/);
			const code = await script.text();
			expect(code, `${page.name}: the catalog of the page's language`).toContain(skip);
			expect(code, `${page.name}: not the other one`).not.toContain(other);

			// The very URL the root layout's dynamic import resolves to, so the browser uses the preloaded module.
			const imported = await dynamicImportsOf(rootLayout);
			expect(imported, page.name).toContain(catalog);
		}
	});
});
