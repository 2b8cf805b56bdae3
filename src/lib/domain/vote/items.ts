import type * as Y from 'yjs';
import { readClusters, type Cluster } from '../board/clusters.ts';
import { readNotes, type Note } from '../board/notes.ts';
import type { PhaseSettings } from '../phases/settings.ts';
import { inTableArea } from '../tables/areas.ts';

/** Budget and cap when the phase does not say: the usual five dots, at most three on one item. */
export const DEFAULT_DOTS = 5;
export const DEFAULT_MAX_PER_ITEM = 3;

export interface VoteRules {
	dots: number;
	maxPerItem: number;
	on: 'clusters' | 'notes';
	ownItems: boolean;
	/** A plenary vote: the tables' own areas stay out (their picked notes are in the plenary as copies). */
	plenary: boolean;
}

/** One thing dots can go on: a cluster (by its label) or a note (by its text). */
export interface VoteItem {
	id: string;
	label: string;
	/** The note's author (empty for clusters, anonymous and proxy notes): the own-item rule. */
	authorId: string;
}

/** A vote phase's rules with their defaults; clusters by default when the board has any. */
export function voteRules(settings: PhaseSettings, hasClusters: boolean): VoteRules {
	const dots = settings.dots ?? DEFAULT_DOTS;
	return {
		dots,
		maxPerItem: Math.min(settings.maxDotsPerItem ?? DEFAULT_MAX_PER_ITEM, dots),
		on: settings.voteOn ?? (hasClusters ? 'clusters' : 'notes'),
		ownItems: settings.ownItems ?? true,
		plenary: settings.plenary === true
	};
}

type ItemRules = Pick<VoteRules, 'on' | 'plenary'>;

/**
 * What the board offers to vote on now, in reading order (the board as a screen holds it). In a
 * plenary on notes, a table's note is offered once, as its copy in the plenary: the notes left in
 * the tables' areas (picked or not) are the tables' work, not the room's ballot.
 */
export function voteItemsOf(board: { clusters: readonly Cluster[]; notes: readonly Note[] }, rules: ItemRules): VoteItem[] {
	if (rules.on === 'clusters') return board.clusters.map((c) => ({ id: c.id, label: c.label, authorId: '' }));
	const notes = rules.plenary ? board.notes.filter((n) => !inTableArea(n)) : board.notes;
	return notes.map((n) => ({ id: n.id, label: n.text, authorId: n.authorId }));
}

/** The same from the document (the server), reading only what the vote is on. */
export function voteItems(doc: Y.Doc, rules: ItemRules): VoteItem[] {
	return rules.on === 'clusters' ? voteItemsOf({ clusters: readClusters(doc), notes: [] }, rules) : voteItemsOf({ clusters: [], notes: readNotes(doc) }, rules);
}
