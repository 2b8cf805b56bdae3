import type { Affiche, AfficheContent, Tally, ValidationChoice } from '../domain/affiche/affiche.ts';
import type { Category } from '../domain/workshop/categories.ts';

/**
 * The affiche over `/live`: the facilitators write it, submit it to the room and publish it;
 * each participant validates the version shown or proposes a modification. Every change is
 * pushed as `affiche.state` (the room sees nothing of a draft) and one's own answer as `affiche.mine`.
 */
export interface AfficheSaveInput {
	commandId: string;
	content: AfficheContent;
}
export interface AfficheValidateInput {
	commandId: string;
	/** The version the phone shows: an answer to an older one is refused (`conflict`). */
	version: number;
	choice: ValidationChoice;
	/** Required for a modification, at most 280 characters. */
	comment: string;
}

export interface AfficheCommands {
	/** Writes the content; a change makes a new version, whose validations start again. Refused once published. */
	'affiche.save': { input: AfficheSaveInput; result: { version: number } };
	/** Shows the draft to the room's phones. */
	'affiche.submit': { input: { commandId: string }; result: { version: number } };
	/** Makes the submitted version final and public, with its counts by collège. */
	'affiche.publish': { input: { commandId: string }; result: { version: number } };
	/** A participant's answer to the version shown; a second answer replaces the first. */
	'affiche.validate': { input: AfficheValidateInput; result: { version: number } };
}

/** A proposed modification as facilitators see it: the name next to the comment, never on the poster. */
export interface AfficheProposal {
	displayName: string;
	category: Category;
	comment: string;
}

/** What a screen is sent: the room gets nothing while it is a draft, facilitators everything. */
export interface AfficheView {
	affiche: Affiche;
	/** The current version's counts by collège. */
	tally: Tally;
	/** Facilitators only: the current version's proposed modifications. */
	proposals?: AfficheProposal[];
}

export interface AfficheEvents {
	'affiche.state': AfficheView | null;
	/** One's own answer to the current version, or null (to one's own sockets only). */
	'affiche.mine': { version: number; choice: ValidationChoice; comment: string } | null;
}
