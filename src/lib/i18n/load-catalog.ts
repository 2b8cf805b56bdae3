import type { Locale } from './index.ts';
import type { Catalog } from './format.ts';

/**
 * The messages of one language, loaded on their own: a phone downloads French or English,
 * never both (the two catalogs together weigh a fifth of the participant page's budget).
 */
export async function loadCatalog(locale: Locale): Promise<Catalog> {
	return locale === 'en' ? (await import('./en.ts')).en : (await import('./fr.ts')).fr;
}
