import { describe, expect, test } from 'vitest';
import { foldAccents, isStopWord, stem, terms, words } from './french-text.ts';

const stems = (text: string) => terms(text).map((t) => t.stem);

describe('French text', () => {
	test('accents and ligatures fold away for comparison', () => {
		expect(foldAccents('Démarches à l’œuvre, Ça')).toBe('Demarches a l’oeuvre, Ca');
		expect(stem('démarche')).toBe(stem('demarches'));
		expect(stem('Téléphone')).toBe(stem('telephone'));
		expect(stem('créneaux')).toBe(stem('creneau'));
	});

	test('elisions go, with straight or curly apostrophes', () => {
		expect(stems("l'accueil")).toEqual(stems('accueil'));
		expect(stems('L’accueil')).toEqual(stems('accueil'));
		expect(words("qu'on d'attente jusqu'à s'inscrire")).toEqual(['on', 'attente', 'à', 'inscrire']);
	});

	test('stop words say nothing; content words stay, with how they were written', () => {
		expect(isStopWord('très')).toBe(true);
		expect(isStopWord('tres')).toBe(true);
		expect(terms('Il y a trop de monde au guichet')).toEqual([
			{ stem: stem('monde'), surface: 'monde' },
			{ stem: stem('guichet'), surface: 'guichet' }
		]);
	});

	test('post-it abbreviations and compounds are read as the words they stand for', () => {
		expect(stems('rdv')).toEqual(stems('rendez-vous'));
		expect(stems('Rendez vous')).toEqual(stems('rendez-vous'));
		expect(stems('au tél')).toEqual(stems('au téléphone'));
		expect(stems('un e-mail')).toEqual(stems('un mail'));
		// A time of day is about opening hours, whatever the minute.
		expect(stems('fermé à 16h30')).toEqual(stems('fermé à 12h'));
		expect(words('3 fois 20 personnes')).toEqual(['fois', 'personnes']);
	});

	test('odd input gives no term, never an error', () => {
		expect(terms('')).toEqual([]);
		expect(terms('   ...  !!! ')).toEqual([]);
		expect(terms("l' d' ''")).toEqual([]);
		expect(terms('🙂 👍')).toEqual([]);
	});
});
