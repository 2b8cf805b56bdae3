import { describe, expect, test } from 'vitest';
import { mayLinkNote, mayRemoveItem } from './persona-rights.ts';

const fatima = { id: 'p-fatima', manages: false };
const camille = { id: 'f-camille', manages: true };

describe('persona rights', () => {
	test('an item goes back only by its author or a facilitator', () => {
		expect(mayRemoveItem({ authorId: 'p-fatima' }, fatima)).toBe(true);
		expect(mayRemoveItem({ authorId: 'p-paul' }, fatima)).toBe(false);
		expect(mayRemoveItem({ authorId: 'p-paul' }, camille)).toBe(true);
	});

	test('an item with no known author is nobody’s to take back but a facilitator’s', () => {
		expect(mayRemoveItem({ authorId: '' }, { id: '', manages: false })).toBe(false);
		expect(mayRemoveItem({ authorId: '' }, camille)).toBe(true);
	});

	test('a participant links their own note only; an unknown author (anonymous) is not theirs', () => {
		expect(mayLinkNote('p-fatima', fatima)).toBe(true);
		expect(mayLinkNote('p-paul', fatima)).toBe(false);
		expect(mayLinkNote(undefined, fatima)).toBe(false);
		expect(mayLinkNote('', { id: '', manages: false })).toBe(false);
		expect(mayLinkNote(undefined, camille)).toBe(true);
	});
});
