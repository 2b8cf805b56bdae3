import type { PersonaItem } from './personas.ts';

/**
 * Who may undo what on a persona. The server enforces these on every participant's command;
 * the cards read the same rules only to hide buttons that would be refused.
 */

/** Enough personas for any workshop; past it a flood of empty cards would bury the real ones. */
export const PERSONAS_MAX = 24;

/** Someone who acts on a persona: their id, and whether they run the room (facilitator). */
export interface PersonaActor {
	id: string;
	manages: boolean;
}

/** An item goes back only by the hand that added it, or a facilitator's. */
export function mayRemoveItem(item: Pick<PersonaItem, 'authorId'>, actor: PersonaActor): boolean {
	return actor.manages || (item.authorId !== '' && item.authorId === actor.id);
}

/**
 * A participant links (or unlinks) only their own note to a persona: linking is a claim
 * about what the idea is for, and only its author or a facilitator makes it. `authorId` is
 * the note's author as known (an anonymous note's is known only to the server).
 */
export function mayLinkNote(authorId: string | undefined, actor: PersonaActor): boolean {
	return actor.manages || (!!authorId && authorId === actor.id);
}
