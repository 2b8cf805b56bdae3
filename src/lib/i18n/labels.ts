import type { Translate } from './index.ts';
import type { Category } from '$lib/domain/workshop/categories';
import { markerZone, zoneSide } from '$lib/domain/board/marker-zone';
import { poleInSentence, type Poles } from '$lib/domain/board/scale-poles';
import { clampValue } from '$lib/domain/board/positioning';
import type { Note } from '$lib/domain/board/notes';

/** The translated name of a collège (or of the facilitators, who write notes too). */
export function categoryLabel(t: Translate, category: Category | 'facilitator'): string {
	return t(`category.${category}`);
}

/**
 * Where a note came from, or null for a note written here: an earlier session of a series
 * (« Reprise de « Vivre ensemble – Les agents » (Agent·e) »), or, in a plenary, the table that
 * contributed it (« Apport de « Table 1 — Accueil » (Usager·ère) »). The collège is its author's.
 */
export function noteOrigin(t: Translate, note: Pick<Note, 'origin' | 'fromTable' | 'authorCategory'>): string | null {
	const category = categoryLabel(t, note.authorCategory);
	if (note.fromTable) return t('tables.from', { table: note.fromTable.name, category });
	return note.origin ? t('series.origin', { session: note.origin.workshopTitle, category }) : null;
}

/**
 * What a screen reader says of notes that just arrived from others (one's own are confirmed by
 * their form). Phones call them ideas, boards sticky notes: each passes its own words.
 */
export function newNotesAnnouncement(
	t: Translate,
	notes: readonly Note[],
	meId: string,
	key: 'board.announce.new' | 'participant.announce.new' = 'board.announce.new'
): string {
	return notes
		.filter((n) => n.authorId !== meId)
		.map((n) => t(key, { category: categoryLabel(t, n.authorCategory), text: n.text }))
		.join(' ');
}

/** A place on a positioning scale in words, e.g. "plutôt relation idéale (30/100)". */
export function markerInWords(t: Translate, value: number, poles: Poles): string {
	const zone = markerZone(value);
	const side = zoneSide(zone);
	const pole = side === 'left' ? poles.leftPole : side === 'right' ? poles.rightPole : '';
	return t(`positioning.words.${zone}`, { pole: poleInSentence(pole), value: clampValue(value) });
}
