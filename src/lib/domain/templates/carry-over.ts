import { nextNotePosition, type Note } from '../board/notes.ts';

/** The notes of one earlier workshop of a series, and which session it was. */
export interface EarlierWorkshop {
	workshopId: string;
	workshopTitle: string;
	sessionKey: string;
	notes: readonly Note[];
}

/**
 * The notes a later workshop of a series starts with: every note of the earlier workshops it
 * imports from, marked with where it came from. Ids derive from the source so that carrying
 * over twice never duplicates a note. Authors stay behind (a participant id means nothing in
 * another workshop, and citizens' identities should not travel); their category comes along,
 * since "agents said / users said" is what the mixed workshop works from.
 */
export function carriedNotes(sources: readonly EarlierWorkshop[], now: number): Note[] {
	const out: Note[] = [];
	for (const source of sources) {
		for (const n of source.notes) {
			// Notes that were themselves carried over are imported from their own workshop.
			if (n.origin) continue;
			out.push({
				id: `from-${source.workshopId}-${n.id}`,
				text: n.text,
				...nextNotePosition(out.length),
				color: n.color,
				authorId: '',
				authorCategory: n.authorCategory,
				// Boards list notes by creation time: one millisecond apart keeps them in the
				// order of the sessions (agents' first, then users'), whatever their ids.
				createdAt: now + out.length,
				updatedAt: now + out.length,
				origin: { workshopId: source.workshopId, workshopTitle: source.workshopTitle, sessionKey: source.sessionKey, noteId: n.id }
			});
		}
	}
	return out;
}
