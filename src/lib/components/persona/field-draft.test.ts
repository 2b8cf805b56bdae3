import { describe, expect, test } from 'vitest';
import { editingNotice, shownText, textToSave } from './field-draft.ts';
import { translator } from '$lib/i18n';

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

	test('a text a save refused stays shown until sent again or dropped, whatever the document holds', () => {
		expect(shownText({ focused: false, typed: '', pending: null, value: '67 ans', draft: '70 ans' })).toBe('70 ans');
	});

	test('says who else is typing in the field, each person once', () => {
		const t = translator('fr');
		expect(editingNotice(t, [])).toBe('');
		expect(editingNotice(t, ['Nadia'])).toBe('Nadia modifie ce champ');
		expect(editingNotice(t, ['Nadia', 'Nadia'])).toBe('Nadia modifie ce champ');
		expect(editingNotice(t, [''])).toBe('Quelqu’un modifie ce champ');
		expect(editingNotice(t, ['Nadia', 'Karim'])).toBe('Nadia, Karim modifient ce champ');
		expect(editingNotice(translator('en'), ['Nadia'])).toBe('Nadia is editing this field');
	});
});
