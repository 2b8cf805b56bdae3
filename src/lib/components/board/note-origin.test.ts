import { describe, expect, test } from 'vitest';
import { render } from 'svelte/server';
import type { Component } from 'svelte';
import WithI18n from '$lib/i18n/WithI18n.svelte';
import WithBoard from './WithBoard.svelte';
import StickyNote from './StickyNote.svelte';
import NoteList from './NoteList.svelte';
import IdeaList from '../participant/IdeaList.svelte';
import type { Note } from '$lib/domain/board/notes';

// Series carry-over (issue 11, item 5): a note imported from an earlier session says where it
// came from (session, collège) on the facilitator's board, in its list view, and on the phones.
const carried: Note = {
	id: 'n1',
	text: 'Un accueil sans rendez-vous',
	x: 0,
	y: 0,
	color: 'yellow',
	authorId: 'p1',
	authorCategory: 'agent',
	createdAt: 1,
	updatedAt: 1,
	origin: { workshopId: 'w1', workshopTitle: 'Vivre ensemble – Les agents', sessionKey: 'agents', noteId: 'n0' }
};
const here: Note = { ...carried, id: 'n2', text: 'Une idée d’ici', authorCategory: 'usager', origin: undefined };
const notes = [carried, here];

type AnyComponent = Component<Record<string, unknown>>;
const html = <P extends Record<string, unknown>>(locale: 'fr' | 'en', component: Component<P>, props: P) =>
	render(WithI18n, {
		props: {
			locale,
			component: WithBoard as unknown as AnyComponent,
			props: { board: { notes, clusters: [] }, component: component as unknown as AnyComponent, props }
		}
	}).body.replace(/<!--[\s\S]*?-->/g, '');

const FR = 'Reprise de « Vivre ensemble – Les agents » (Agent public)';
const EN = 'Carried over from “Vivre ensemble – Les agents” (Public agent)';

describe('a carried-over note shows its origin', () => {
	const sticky = (note: Note) => ({ note, n: 1, author: 'x', zoom: 1, at: { x: 0, y: 0 }, offset: null, selected: false, ongrab: () => {}, ontoggle: () => {} });

	test('on the board’s sticky note, in French and English; a note written here shows none', () => {
		expect(html('fr', StickyNote, sticky(carried))).toContain(FR);
		expect(html('en', StickyNote, sticky(carried))).toContain(EN);
		expect(html('fr', StickyNote, sticky(here))).not.toContain('Reprise de');
	});

	test('in the board’s list view and in the phone’s list of ideas, once, beside its own note', () => {
		for (const out of [html('fr', NoteList, {}), html('fr', IdeaList, { notes, meId: 'me', synced: true })]) {
			expect(out.split(FR)).toHaveLength(2);
			const item = out.split('<li').find((li) => li.includes(FR))!;
			expect(item).toContain(carried.text);
			expect(item).not.toContain(here.text);
		}
	});
});
