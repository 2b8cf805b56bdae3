import { describe, expect, test } from 'vitest';
import { shownText, textToSave } from './field-draft.ts';

describe('a persona field’s draft', () => {
	test('while focused it shows what is typed, even when someone else changed the field', () => {
		expect(shownText({ focused: true, typed: 'Retraitée', pending: null, value: 'Étudiante' })).toBe('Retraitée');
	});

	test('unfocused it shows the document’s value, or a save still on its way', () => {
		expect(shownText({ focused: false, typed: 'x', pending: null, value: 'Étudiante' })).toBe('Étudiante');
		expect(shownText({ focused: false, typed: 'x', pending: 'Retraitée', value: 'Étudiante' })).toBe('Retraitée');
	});

	test('nothing is saved when nothing changed, spaces and line endings included', () => {
		expect(textToSave('67 ans', '67 ans')).toBeNull();
		expect(textToSave('67 ans', '  67 ans \n')).toBeNull();
		expect(textToSave('a\nb', 'a\r\nb')).toBeNull();
	});

	test('a change is saved as the document keeps it', () => {
		expect(textToSave('67 ans', ' 68 ans ')).toBe('68 ans');
		expect(textToSave('Fatima', '')).toBe('');
	});
});
