import type * as Y from 'yjs';
import { readClusters, type Cluster } from '../board/clusters.ts';
import { readNotes, type Note } from '../board/notes.ts';
import type { PhaseSettings } from '../phases/settings.ts';

/** Budget and cap when the phase does not say: the usual five dots, at most three on one item. */
export const DEFAULT_DOTS = 5;
export const DEFAULT_MAX_PER_ITEM = 3;

export interface VoteRules {
	dots: number;
	maxPerItem: number;
	on: 'clusters' | 'notes';
	ownItems: boolean;
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
		ownItems: settings.ownItems ?? true
	};
}

/** What the board offers to vote on now, in reading order (the board as a screen holds it). */
export function voteItemsOf(board: { clusters: readonly Cluster[]; notes: readonly Note[] }, on: VoteRules['on']): VoteItem[] {
	if (on === 'clusters') return board.clusters.map((c) => ({ id: c.id, label: c.label, authorId: '' }));
	return board.notes.map((n) => ({ id: n.id, label: n.text, authorId: n.authorId }));
}

/** The same from the document (the server), reading only what the vote is on. */
export function voteItems(doc: Y.Doc, on: VoteRules['on']): VoteItem[] {
	return on === 'clusters' ? voteItemsOf({ clusters: readClusters(doc), notes: [] }, on) : voteItemsOf({ clusters: [], notes: readNotes(doc) }, on);
}
