import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { LOCALES } from '../src/lib/i18n/index.ts';
import { CATALOG_CHUNKS_FILE, type CatalogChunks } from './catalog-chunks.ts';

/**
 * Client build only: writes which hashed chunk holds each language's catalog
 * (src/lib/i18n/<locale>.ts) to catalog-chunks.json, so the server can preload the page's
 * language from the HTML head. Without it the phone asks for the catalog only once the root
 * layout's code has run (its dynamic import): a whole round trip more before hydration.
 * Found by module path, not by chunk name, so the choice never depends on how the bundler names files.
 */
export function catalogChunks(): Plugin {
	let root = '';
	let client = false;
	return {
		name: 'concerto-catalog-chunks',
		apply: 'build',
		configResolved(config) {
			root = config.root;
			// SvelteKit runs two builds with this config: the server's (ssr) first, then the client's.
			client = !config.build.ssr;
		},
		generateBundle(_options, bundle) {
			if (!client) return;
			const modules = new Map(LOCALES.map((locale) => [resolve(root, `src/lib/i18n/${locale}.ts`), locale]));
			const files: CatalogChunks = {};
			for (const chunk of Object.values(bundle)) {
				if (chunk.type !== 'chunk') continue;
				const here = chunk.moduleIds.filter((id) => modules.has(id)).map((id) => modules.get(id)!);
				// Two catalogs in one chunk means some script imports both: every phone would download both.
				if (here.length > 1) this.error(`${chunk.fileName} holds the catalogs ${here.join(' and ')}: one language per chunk`);
				if (here.length === 1) files[here[0]] = chunk.fileName;
			}
			const missing = LOCALES.filter((locale) => !files[locale]);
			if (missing.length > 0) this.error(`no client chunk holds the catalog of ${missing.join(', ')}`);
			this.emitFile({ type: 'asset', fileName: CATALOG_CHUNKS_FILE, source: JSON.stringify(files) });
		}
	};
}
