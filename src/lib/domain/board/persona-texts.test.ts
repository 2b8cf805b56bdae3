import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { applyChanges, textChanges } from './text-diff.ts';
import {
	addPersonaItem,
	anchorPersonaField,
	createPersona,
	mergePersonaField,
	personasOf,
	readPersonas,
	removePersonaItem,
	savePersonaField,
	setPersonaField,
	upgradePersonaTexts
} from './personas.ts';
import { fieldEditor } from './persona-texts.ts';

/** Two screens on one board; `sync()` exchanges what each has that the other lacks. */
function pair(): [Y.Doc, Y.Doc, () => void] {
	const a = new Y.Doc();
	const b = new Y.Doc();
	const sync = () => {
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
	};
	return [a, b, sync];
}
const field = (doc: Y.Doc, f: 'name' | 'situation' | 'quote' | 'age') => readPersonas(doc)[0].fields[f];

describe('text changes', () => {
	test('turn one text into the other, cut between characters (accents and emoji included)', () => {
		fc.assert(
			fc.property(fc.string({ unit: fc.constantFrom('a', 'b', 'é', ' ', '👍', 'ß') }), fc.string({ unit: fc.constantFrom('a', 'b', 'é', ' ', '👍') }), (a, b) => {
				const changes = textChanges(a, b);
				expect(applyChanges(a, changes)).toBe(b);
				for (const c of changes) expect(a.slice(0, c.at)).not.toMatch(/[\uD800-\uDBFF]$/);
			})
		);
	});

	test('typing at both ends of a text is two small changes, not one rewrite', () => {
		expect(textChanges('vit seule', 'Elle vit seule.')).toEqual([
			{ at: 0, remove: 0, insert: 'Elle ' },
			{ at: 9, remove: 0, insert: '.' }
		]);
	});
});

describe('a persona field edited on two screens at once (facilitators, editors)', () => {
	test('what each typed is kept: one at the start, the other at the end', () => {
		const [a, b, sync] = pair();
		createPersona(a, 'p1', 1);
		setPersonaField(a, 'p1', 'situation', 'vit seule');
		sync();
		const fromA = anchorPersonaField(a, 'p1', 'situation')!;
		const fromB = anchorPersonaField(b, 'p1', 'situation')!;
		expect(mergePersonaField(a, 'p1', 'situation', fromA, 'Retraitée, vit seule', 'f-camille')).toBe('applied');
		expect(mergePersonaField(b, 'p1', 'situation', fromB, 'vit seule à Hautepierre', 'p-ines')).toBe('applied');
		sync();
		expect(field(a, 'situation')).toBe('Retraitée, vit seule à Hautepierre');
		expect(field(b, 'situation')).toBe('Retraitée, vit seule à Hautepierre');
	});

	test('a save after the other’s arrived merges into it and says so', () => {
		const [a, b, sync] = pair();
		createPersona(a, 'p1', 1, 'Fatima');
		sync();
		const fromB = anchorPersonaField(b, 'p1', 'name')!;
		mergePersonaField(a, 'p1', 'name', anchorPersonaField(a, 'p1', 'name')!, 'Fatima B.', 'f-camille');
		sync();
		// B started before A's change arrived, and typed in the same place.
		expect(mergePersonaField(b, 'p1', 'name', fromB, 'Mme Fatima', 'p-ines')).toBe('merged');
		sync();
		expect(field(a, 'name')).toBe('Mme Fatima B.');
		expect(fieldEditor(personasOf(a).get('p1')!, 'name')).toBe('p-ines');
	});

	test('removing words removes only what was there: a word the other added inside stays', () => {
		const [a, b, sync] = pair();
		createPersona(a, 'p1', 1);
		setPersonaField(a, 'p1', 'quote', 'On m’a renvoyé trois fois');
		sync();
		const fromA = anchorPersonaField(a, 'p1', 'quote')!;
		const fromB = anchorPersonaField(b, 'p1', 'quote')!;
		mergePersonaField(a, 'p1', 'quote', fromA, 'On m’a renvoyé', 'f-camille');
		mergePersonaField(b, 'p1', 'quote', fromB, 'On m’a renvoyé trois fois de suite', 'p-ines');
		sync();
		expect(field(a, 'quote')).toBe(field(b, 'quote'));
		expect(field(a, 'quote')).toBe('On m’a renvoyé de suite');
	});

	test('any two concurrent edits converge, and keep every character either typed and every one neither removed', () => {
		const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', 'é', '👍'), maxLength: 12 });
		fc.assert(
			fc.property(text, text, text, (base, typedA, typedB) => {
				const [a, b, sync] = pair();
				createPersona(a, 'p1', 1);
				setPersonaField(a, 'p1', 'situation', base);
				sync();
				const start = field(a, 'situation');
				const fromA = anchorPersonaField(a, 'p1', 'situation')!;
				const fromB = anchorPersonaField(b, 'p1', 'situation')!;
				const cleanA = typedA.trim();
				const cleanB = typedB.trim();
				mergePersonaField(a, 'p1', 'situation', fromA, cleanA, 'a');
				mergePersonaField(b, 'p1', 'situation', fromB, cleanB, 'b');
				sync();
				expect(field(a, 'situation')).toBe(field(b, 'situation'));
				// Counted in UTF-16 units: the base, less what either removed (once), plus both insertions.
				const removed = new Set<number>();
				let inserted = 0;
				for (const typed of [cleanA, cleanB])
					for (const c of textChanges(start, typed)) {
						for (let i = c.at; i < c.at + c.remove; i++) removed.add(i);
						inserted += c.insert.length;
					}
				expect(field(a, 'situation').length).toBe(start.length - removed.size + inserted);
			}),
			{ numRuns: 200 }
		);
	});

	test('a merge that would overflow the field writes nothing', () => {
		const [a, b, sync] = pair();
		createPersona(a, 'p1', 1);
		sync();
		const fromB = anchorPersonaField(b, 'p1', 'age')!;
		mergePersonaField(a, 'p1', 'age', anchorPersonaField(a, 'p1', 'age')!, 'x'.repeat(30), 'f-camille');
		sync();
		expect(mergePersonaField(b, 'p1', 'age', fromB, 'y'.repeat(30), 'p-ines')).toBe('too_long');
		expect(field(b, 'age')).toBe('x'.repeat(30));
	});
});

describe('a participant’s save through the server', () => {
	test('is refused when the field changed since they started, saying to what and by whom; nothing is written', () => {
		const doc = new Y.Doc();
		createPersona(doc, 'p1', 1);
		expect(savePersonaField(doc, 'p1', 'age', '', '67 ans', 'p-nadia')).toEqual({ ok: true });
		const before = Y.encodeStateVector(doc);
		expect(savePersonaField(doc, 'p1', 'age', '', '70 ans', 'p-karim')).toEqual({ ok: false, refusal: 'stale', current: '67 ans', by: 'p-nadia' });
		expect(Y.encodeStateVector(doc)).toEqual(before);
		// Having seen it, they send theirs again from what the field holds now.
		expect(savePersonaField(doc, 'p1', 'age', '67 ans', '70 ans', 'p-karim')).toEqual({ ok: true });
		expect(field(doc, 'age')).toBe('70 ans');
	});

	test('bad input is refused and changes nothing: unknown persona, too long, a base no field could hold', () => {
		const doc = new Y.Doc();
		createPersona(doc, 'p1', 1);
		const before = Y.encodeStateVector(doc);
		expect(savePersonaField(doc, 'nope', 'age', '', '1', 'p')).toEqual({ ok: false, refusal: 'not_found' });
		expect(savePersonaField(doc, 'p1', 'age', '', 'x'.repeat(41), 'p')).toEqual({ ok: false, refusal: 'invalid' });
		expect(savePersonaField(doc, 'p1', 'age', 'x'.repeat(41), '1', 'p')).toMatchObject({ ok: false, refusal: 'stale' });
		expect(Y.encodeStateVector(doc)).toEqual(before);
	});
});

describe('an older board whose fields are plain strings', () => {
	function older(): Y.Doc {
		const doc = new Y.Doc();
		const m = new Y.Map<unknown>();
		personasOf(doc).set('p1', m);
		m.set('name', 'Fatima');
		m.set('situation', 'Retraitée');
		m.set('order', 0);
		m.set('needs', new Y.Map());
		return doc;
	}

	test('still reads, and a participant’s save works on it', () => {
		const doc = older();
		expect(readPersonas(doc)[0].fields).toMatchObject({ name: 'Fatima', situation: 'Retraitée', age: '' });
		expect(savePersonaField(doc, 'p1', 'situation', 'Retraitée', 'Retraitée, vit seule', 'p-nadia')).toEqual({ ok: true });
		expect(field(doc, 'situation')).toBe('Retraitée, vit seule');
	});

	test('is upgraded once to texts, keeping every value, and then merges like a new one', () => {
		const [a, b, sync] = pair();
		Y.applyUpdate(a, Y.encodeStateAsUpdate(older()));
		expect(upgradePersonaTexts(a)).toBe(1);
		expect(upgradePersonaTexts(a)).toBe(0);
		sync();
		expect(readPersonas(b)[0].fields).toMatchObject({ name: 'Fatima', situation: 'Retraitée' });
		const fromA = anchorPersonaField(a, 'p1', 'situation')!;
		const fromB = anchorPersonaField(b, 'p1', 'situation')!;
		mergePersonaField(a, 'p1', 'situation', fromA, 'Retraitée, vit seule', 'f');
		mergePersonaField(b, 'p1', 'situation', fromB, 'Ancienne infirmière retraitée', 'e');
		sync();
		expect(field(a, 'situation')).toBe(field(b, 'situation'));
		expect(field(a, 'situation')).toContain('vit seule');
		expect(field(a, 'situation')).toContain('Ancienne infirmière');
	});
});

describe('list items', () => {
	test('added and removed on two screens at once: every add survives, only the removed item goes', () => {
		const [a, b, sync] = pair();
		createPersona(a, 'p1', 1);
		addPersonaItem(a, 'p1', 'needs', { id: 'i0', text: 'Un guichet', authorId: 'x', at: 0 });
		sync();
		addPersonaItem(a, 'p1', 'needs', { id: 'i1', text: 'Un rendez-vous sans internet', authorId: 'x', at: 1 });
		addPersonaItem(b, 'p1', 'needs', { id: 'i2', text: 'Quelqu’un qui rappelle', authorId: 'y', at: 1 });
		removePersonaItem(b, 'p1', 'needs', 'i0');
		sync();
		for (const doc of [a, b]) expect(readPersonas(doc)[0].lists.needs.map((i) => i.id)).toEqual(['i1', 'i2']);
	});
});
