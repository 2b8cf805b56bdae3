import { cleanClusterLabel } from '../board/clusters.ts';

/** A suggested cluster as the facilitator edits it before accepting. */
export interface ClusterDraft {
	/** The label as the facilitator left it (may be emptied by mistake). */
	label: string;
	/** The label the server proposed, used when the facilitator's is empty. */
	suggested: string;
	noteIds: readonly string[];
	keep: boolean;
}

/**
 * The clusters to create from the drafts the facilitator kept. The board may have moved on
 * while they read the proposal: notes deleted or put in a cluster meanwhile are left where
 * they are, and a draft with fewer than two notes left is no longer a group.
 */
export function acceptedGroups(
	drafts: readonly ClusterDraft[],
	notes: readonly { id: string; clusterId?: string }[]
): { label: string; noteIds: string[] }[] {
	const free = new Set(notes.filter((n) => !n.clusterId).map((n) => n.id));
	return drafts
		.filter((d) => d.keep)
		.map((d) => ({ label: cleanClusterLabel(d.label) || cleanClusterLabel(d.suggested) || '', noteIds: d.noteIds.filter((id) => free.has(id)) }))
		.filter((g) => g.noteIds.length >= 2);
}
