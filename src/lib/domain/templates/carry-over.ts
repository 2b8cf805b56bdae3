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
export function carriedNotes(
	sources: readonly EarlierWorkshop[],
	now: number,
	/**
	 * For an import into a board that already has notes: the ids already carried over (still on
	 * the board or deleted there since: a note the facilitator removed does not come back) and
	 * how many notes the board holds, so new ones are laid out after them.
	 */
	into: { imported: ReadonlySet<string>; boardSize: number } = { imported: new Set(), boardSize: 0 }
): Note[] {
	const out: Note[] = [];
	for (const source of sources) {
		for (const n of source.notes) {
			// Notes that were themselves carried over are imported from their own workshop.
			if (n.origin) continue;
			const id = carriedNoteId(source.workshopId, n.id);
			if (into.imported.has(id)) continue;
			out.push({
				id,
				text: n.text,
				...nextNotePosition(into.boardSize + out.length),
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

/** The id of a carried-over note in the later workshop: the same source note always gets the same id. */
export function carriedNoteId(sourceWorkshopId: string, sourceNoteId: string): string {
	return `from-${sourceWorkshopId}-${sourceNoteId}`;
}
