import { describe, expect, test } from 'vitest';
import { BoardState } from '$lib/state/board.svelte';
import { readPersonas } from '$lib/domain/board/personas';
import { insertNote } from '$lib/domain/board/notes';
import { boardPersonaWriter } from './writer';

// A facilitator's or editor's card writes straight into their board's document (no server in between).
const board = () => new BoardState('w-test', { id: 'f-camille' });

describe('the board writer', () => {
	test('a facilitator creates a persona, fills it, lists, links and removes it', async () => {
		const b = board();
		const writer = boardPersonaWriter(b, { id: 'f-camille', manages: true });
		const made = await writer.create();
		if (!made.ok) throw new Error('not created');
		expect(await writer.editField(made.id, 'situation', '').save('  Retraitée, vit seule ')).toEqual({ ok: true, text: 'Retraitée, vit seule', merged: false });
		expect(await writer.addItem(made.id, 'needs', 'Un rendez-vous sans internet')).toEqual({ ok: true });
		insertNote(b.doc, { id: 'n1', text: 'Rappeler', x: 0, y: 0, color: 'yellow', authorId: 'p-paul', authorCategory: 'agent', createdAt: 1, updatedAt: 1 });
		expect(await writer.link(made.id, 'n1', true)).toEqual({ ok: true });
		const [p] = readPersonas(b.doc);
		expect(p.fields.situation).toBe('Retraitée, vit seule');
		expect(p.lists.needs).toMatchObject([{ text: 'Un rendez-vous sans internet', authorId: 'f-camille' }]);
		expect(p.noteIds).toEqual(['n1']);
		expect(await writer.remove!(made.id)).toEqual({ ok: true });
		expect(readPersonas(b.doc)).toEqual([]);
		b.destroy();
	});

	test('refusals come back as codes: too long, unknown persona, someone else’s item for an editor', async () => {
		const b = board();
		const camille = boardPersonaWriter(b, { id: 'f-camille', manages: true });
		const editor = boardPersonaWriter(b, { id: 'p-lab', manages: false });
		const made = await camille.create();
		if (!made.ok) throw new Error('not created');
		expect(await editor.editField(made.id, 'name', '').save('x'.repeat(81))).toEqual({ ok: false, code: 'invalid_input' });
		expect(await editor.editField('nope', 'name', '').save('Jean')).toEqual({ ok: false, code: 'not_found' });
		await camille.addItem(made.id, 'goals', 'Garder son autonomie');
		const [item] = readPersonas(b.doc)[0].lists.goals;
		expect(await editor.removeItem(made.id, 'goals', item.id)).toEqual({ ok: false, code: 'forbidden' });
		expect(editor.remove).toBeUndefined();
		expect(await camille.removeItem(made.id, 'goals', item.id)).toEqual({ ok: true });
		expect(readPersonas(b.doc)[0].lists.goals).toEqual([]);
		b.destroy();
	});

	test('a facilitator and an editor typing in the same field at once both keep their words', async () => {
		const b = board();
		const camille = boardPersonaWriter(b, { id: 'f-camille', manages: true });
		const editor = boardPersonaWriter(b, { id: 'p-lab', manages: false });
		const made = await camille.create();
		if (!made.ok) throw new Error('not created');
		await camille.editField(made.id, 'situation', '').save('vit seule');
		const first = camille.editField(made.id, 'situation', 'vit seule');
		const second = editor.editField(made.id, 'situation', 'vit seule');
		expect(await first.save('Retraitée, vit seule')).toEqual({ ok: true, text: 'Retraitée, vit seule', merged: false });
		expect(await second.save('vit seule, sans voiture')).toEqual({ ok: true, text: 'Retraitée, vit seule, sans voiture', merged: true });
		b.destroy();
	});
});
