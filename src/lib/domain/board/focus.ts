import type { Board } from './board.ts';
import type { Focus } from './presence.ts';

/** What a follower's list view shows for a facilitator's focus. */
export interface FocusTargets {
	/** Notes to highlight, in board order; the first is scrolled into view. */
	noteIds: string[];
	/** Element ids to try first when scrolling (`cluster-…`, `persona-…`), if the view has them. */
	anchor: string | null;
	/** What the focus is, for the "you are following" bar. */
	label: { kind: Focus['kind']; text: string };
}

/**
 * Resolves a focus against the board a follower has: a note, a cluster's notes, a persona's
 * linked notes, or the notes placed within an area (a clustered note is where its cluster is).
 * An item that no longer exists gives no notes, and the bar still says what is shown.
 */
export function focusTargets(focus: Focus, board: Pick<Board, 'notes' | 'clusters' | 'personas'>): FocusTargets {
	switch (focus.kind) {
		case 'note': {
			const note = board.notes.find((n) => n.id === focus.id);
			return { noteIds: note ? [note.id] : [], anchor: null, label: { kind: 'note', text: note?.text ?? '' } };
		}
		case 'cluster': {
			const cluster = board.clusters.find((c) => c.id === focus.id);
			const noteIds = board.notes.filter((n) => n.clusterId === focus.id).map((n) => n.id);
			return { noteIds, anchor: `cluster-${focus.id}`, label: { kind: 'cluster', text: cluster?.label ?? '' } };
		}
		case 'persona': {
			const persona = board.personas.find((p) => p.id === focus.id);
			const linked = new Set(persona?.noteIds ?? []);
			const noteIds = board.notes.filter((n) => linked.has(n.id)).map((n) => n.id);
			return { noteIds, anchor: `persona-${focus.id}`, label: { kind: 'persona', text: persona?.fields.name ?? '' } };
		}
		case 'area': {
			const clusters = new Map(board.clusters.map((c) => [c.id, c]));
			const inside = (x: number, y: number) => x >= focus.x && x < focus.x + focus.width && y >= focus.y && y < focus.y + focus.height;
			const noteIds = board.notes
				.filter((n) => {
					const at = (n.clusterId && clusters.get(n.clusterId)) || n;
					return inside(at.x, at.y);
				})
				.map((n) => n.id);
			return { noteIds, anchor: null, label: { kind: 'area', text: '' } };
		}
	}
}
