import { fr, type MessageKey } from './fr.ts';
import { en } from './en.ts';
import { translate, type Translate } from './format.ts';

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'fr';
export const LOCALE_COOKIE = 'concerto_lang';
export type { MessageKey };

const CATALOGS: Record<Locale, Record<MessageKey, string>> = { fr, en };

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The chosen language (cookie) first, then the browser's Accept-Language, then French. */
export function pickLocale(cookie: string | undefined, acceptLanguage: string | null): Locale {
	if (isLocale(cookie)) return cookie;
	for (const part of (acceptLanguage ?? '').split(',')) {
		const tag = part.split(';')[0].trim().slice(0, 2).toLowerCase();
		if (isLocale(tag)) return tag;
	}
	return DEFAULT_LOCALE;
}

export type { Translate, Catalog } from './format.ts';

/**
 * A translator for one locale, with both catalogs at hand: for the server, e-mails and tests.
 * Pages get theirs from the root layout, which loads only the page's language.
 */
export function translator(locale: Locale): Translate {
	const catalog = CATALOGS[locale];
	return (key, params) => translate(catalog, key, params);
}
