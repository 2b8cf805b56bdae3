import { describe, expect, test } from 'vitest';
import type { Note } from '../board/notes.ts';
import { cleanAnswerEmail, notesOfParticipant, personalDataExport, PERSONAL_DATA_EXPORT_VERSION, type PersonRecord } from './personal-data.ts';

const note = (id: string, authorId: string, createdAt: number, extra: Partial<Note> = {}): Note => ({
	id,
	text: `text ${id}`,
	x: 0,
	y: 0,
	color: 'yellow',
	authorId,
	authorCategory: 'usager',
	createdAt,
	updatedAt: createdAt,
	...extra
});
const person = (id: string, extra: Partial<PersonRecord> = {}): PersonRecord => ({
	id,
	displayName: `Name ${id}`,
	anonymous: false,
	category: 'usager',
	ageBand: null,
	gender: null,
	answerEmail: null,
	joinedAt: new Date('2026-01-01T10:00:00Z'),
	removedAt: null,
	erasedAt: null,
	...extra
});

describe('personal data of a workshop', () => {
	test("a participant's notes are those signed with their id, board and waiting ones, oldest first, each once", () => {
		const board = [note('b2', 'p1', 2000), note('x', 'p2', 1500), note('b1', 'p1', 1000), note('anon', '', 1200, { anonymous: true })];
		const waiting = [
			{ id: 'h1', authorId: 'p1', text: 'hidden', createdAt: new Date(1500) },
			{ id: 'b1', authorId: 'p1', text: 'text b1', createdAt: new Date(1000) },
			{ id: 'h2', authorId: 'p2', text: 'other', createdAt: new Date(1600) }
		];
		expect(notesOfParticipant('p1', board, waiting).map((n) => n.id)).toEqual(['b1', 'h1', 'b2']);
		expect(notesOfParticipant('nobody', board, waiting)).toEqual([]);
	});

	test('the access export holds every participant with their notes, the proxies typed and the owners, versioned', () => {
		const out = personalDataExport({
			workshop: { id: 'w', title: 'Atelier' },
			participants: [person('p1', { ageBand: '25-39', gender: 'woman', answerEmail: 'a@b.fr' }), person('p2', { erasedAt: new Date(5000), displayName: '' })],
			board: [note('n1', 'p1', 1000), note('n2', '', 2000, { proxy: { name: 'Mme Proxy' } }), note('n3', '', 3000, { proxy: {} })],
			waiting: [],
			owners: [{ name: 'Owner', email: 'o@x.fr', organisation: 'Ville' }],
			now: new Date('2026-02-01T00:00:00Z')
		});
		expect(out.version).toBe(PERSONAL_DATA_EXPORT_VERSION);
		expect(out.participants.map((p) => [p.id, p.displayName, p.ageBand, p.gender, p.answerEmail, p.erasedAt])).toEqual([
			['p1', 'Name p1', '25-39', 'woman', 'a@b.fr', null],
			['p2', '', null, null, null, new Date(5000).toISOString()]
		]);
		expect(out.participants[0].notes.map((n) => n.text)).toEqual(['text n1']);
		expect(out.proxies).toEqual([{ noteId: 'n2', name: 'Mme Proxy' }]);
		expect(out.owners).toEqual([{ name: 'Owner', email: 'o@x.fr', organisation: 'Ville' }]);
		expect(out.exportedAt).toBe('2026-02-01T00:00:00.000Z');
	});

	test('an e-mail for the answers is trimmed and must look deliverable', () => {
		expect(cleanAnswerEmail('  lea.martin@exemple.fr ')).toBe('lea.martin@exemple.fr');
		expect(cleanAnswerEmail('Zoé+ateliers@ville-strasbourg.eu')).toBe('Zoé+ateliers@ville-strasbourg.eu');
		for (const bad of ['', 'lea', 'lea@', '@exemple.fr', 'lea@exemple', 'lea martin@exemple.fr', 'a@b@c.fr', '<a@b.fr>', 'a@b.fr, c@d.fr', `${'x'.repeat(250)}@b.fr`, 42, null])
			expect(cleanAnswerEmail(bad), String(bad)).toBeNull();
	});
});
