import { describe, expect, test } from 'vitest';
import { DEFAULT_POLES, poleInSentence, polesOf } from './scale-poles.ts';

describe('polesOf', () => {
	test('a phase without poles gets the method’s default pair', () => {
		expect(polesOf({})).toEqual(DEFAULT_POLES);
	});
	test('each pole falls back on its own; blanks count as unset', () => {
		expect(polesOf({ leftPole: 'Très simple', rightPole: '   ' })).toEqual({ leftPole: 'Très simple', rightPole: 'Relation chaotique' });
	});
});

describe('poleInSentence', () => {
	test('a common noun is lowered to read inside a sentence', () => {
		expect(poleInSentence('Relation idéale')).toBe('relation idéale');
		expect(poleInSentence('Étape facile')).toBe('étape facile');
	});
	test('acronyms keep their capitals', () => {
		expect(poleInSentence('CAF injoignable')).toBe('CAF injoignable');
		expect(poleInSentence('eRSA')).toBe('eRSA');
	});
});
