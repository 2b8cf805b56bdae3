import type { MessageKey } from './fr.ts';

/** One language's messages. */
export type Catalog = Record<MessageKey, string>;
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Translates from one catalog; `{name}` placeholders are filled from `params`. */
export function translate(catalog: Catalog, key: MessageKey, params?: Record<string, string | number>): string {
	const text = catalog[key] ?? key;
	return params ? text.replace(/\{(\w+)\}/g, (m, p: string) => (p in params ? String(params[p]) : m)) : text;
}
