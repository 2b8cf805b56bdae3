import { describe, expect, it } from 'vitest';
import { fr } from './fr.ts';
import { en } from './en.ts';
import { pickLocale, translator } from './index.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('catalogs', () => {
	it('have the same keys', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
	});

	// A missing {placeholder} in one language would print raw braces to users.
	it('use the same placeholders in both languages', () => {
		for (const key of Object.keys(fr) as (keyof typeof fr)[]) {
			expect(placeholders(en[key]), key).toEqual(placeholders(fr[key]));
		}
	});

	it('fills placeholders and leaves unknown ones', () => {
		const t = translator('fr');
		expect(t('home.mine.code', { code: 'ABC' })).toBe('Code : ABC');
		expect(translator('en')('signin.error.throttled', {})).toContain('{seconds}');
	});

	it('picks the cookie, then Accept-Language, then French', () => {
		expect(pickLocale('en', 'fr-FR')).toBe('en');
		expect(pickLocale(undefined, 'en-GB,en;q=0.8')).toBe('en');
		expect(pickLocale('de', 'de-DE')).toBe('fr');
	});
});
