import { getContext, setContext } from 'svelte';
import type { Locale, MessageKey } from './index.ts';
import { translate, type Catalog, type Translate } from './format.ts';

/** A message chosen on the server and translated where it is shown (form errors, refusals). */
export interface Message {
	key: MessageKey;
	params?: Record<string, string | number>;
}

export interface I18n {
	readonly locale: Locale;
	t: Translate;
}

const KEY = Symbol('concerto.i18n');

/**
 * Called once by the root layout, with the page's language and its catalog. Both are getters
 * so that `t` stays reactive: any template calling `t(…)` re-renders when the layout's data
 * changes language.
 */
export function provideI18n(locale: () => Locale, catalog: () => Catalog): I18n {
	const i18n: I18n = {
		get locale() {
			return locale();
		},
		t: (key, params) => translate(catalog(), key, params)
	};
	setContext(KEY, i18n);
	return i18n;
}

export function useI18n(): I18n {
	const i18n = getContext<I18n | undefined>(KEY);
	if (!i18n) throw new Error('useI18n() outside the root layout');
	return i18n;
}
