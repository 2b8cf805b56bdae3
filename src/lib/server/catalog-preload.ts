/** Where app.html asks for the preload, early in <head>. */
export const CATALOG_PRELOAD_SLOT = '%concerto.catalogPreload%';

/**
 * The <link> that fetches the page's language catalog with the page's other scripts. Without
 * it a phone asks for the catalog only when the root layout's code runs its dynamic import
 * (src/lib/i18n/load-catalog.ts): one round trip more before the page is interactive.
 *
 * Written as SvelteKit writes its own modulepreloads (its Link header): no crossorigin
 * attribute, and the URL the dynamic import asks for — the browser then uses the preloaded
 * module instead of fetching it again. The path is absolute from the site's root: Concerto sets
 * no `paths.base` or `paths.assets` (svelte.config.js), and `$app/paths` is left out of the
 * server's build (scripts/kit-without-als.js). `file` is a path from the client output's root
 * (`_app/immutable/chunks/….js`), checked when read (server/catalog-chunks.ts); undefined (no
 * build map, as in `vite dev`) gives no link.
 */
export function catalogPreload(file: string | undefined): string {
	return file ? `<link rel="modulepreload" href="/${file}">` : '';
}
