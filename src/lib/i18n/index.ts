import { fr, type MessageKey } from './fr.ts';
import { en } from './en.ts';

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

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A translator for one locale; `{name}` placeholders are filled from `params`. */
export function translator(locale: Locale): Translate {
	const catalog = CATALOGS[locale];
	return (key, params) => {
		const text = catalog[key] ?? fr[key] ?? key;
		return params ? text.replace(/\{(\w+)\}/g, (m, p: string) => (p in params ? String(params[p]) : m)) : text;
	};
}
