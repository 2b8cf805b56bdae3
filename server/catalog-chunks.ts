import { readFileSync } from 'node:fs';
import { isLocale, type Locale } from '../src/lib/i18n/index.ts';

/**
 * Which built file holds each language's catalog, e.g. `{ "fr": "_app/immutable/chunks/DNZuDpxk.js" }`
 * (paths from the root of the client output). Written by the client build (catalog-chunks-plugin.ts)
 * because Vite hashes the names; read once at start so every page can preload its own language.
 */
export type CatalogChunks = Partial<Record<Locale, string>>;

/** At the root of the client output: adapter-node copies it to build/client with the scripts it names. */
export const CATALOG_CHUNKS_FILE = 'catalog-chunks.json';

// The names go into every page's <head> as they are: only plain relative paths to a script pass.
const SAFE_FILE = /^(?!.*\.\.)[\w./-]+\.js$/;

/**
 * The map beside the client files in `clientDir` (build/client), or `{}` when there is none
 * (`vite dev`, or a build older than the plugin): pages then simply preload no catalog, and the
 * root layout's dynamic import fetches it as before, one round trip later.
 */
export function readCatalogChunks(clientDir: URL): CatalogChunks {
	let text: string;
	try {
		text = readFileSync(new URL(CATALOG_CHUNKS_FILE, clientDir), 'utf8');
	} catch {
		return {};
	}
	const parsed: unknown = JSON.parse(text);
	const chunks: CatalogChunks = {};
	if (typeof parsed !== 'object' || parsed === null) return chunks;
	for (const [locale, file] of Object.entries(parsed)) {
		if (isLocale(locale) && typeof file === 'string' && SAFE_FILE.test(file)) chunks[locale] = file;
	}
	return chunks;
}
