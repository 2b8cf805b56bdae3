import { focusTargets, type FocusTargets } from '$lib/domain/board/focus';
import type { Board } from '$lib/domain/board/board';
import type { Leader } from '$lib/domain/board/presence';
import type { Presence } from './presence.svelte';

/**
 * A follower's side of "follow me" (participants' phones, the projector, observers): what the
 * leading facilitator shows, resolved against this page's board, unless this person chose to
 * stop following. A new lead (after the facilitator stopped) is followed again by default.
 */
export class Follower {
	/** This person follows (they may stop, and resume). */
	following = $state(true);
	/** The leader, whether or not this person follows. */
	leader = $derived.by((): Leader | null => this.#presence()?.leader ?? null);
	/** What to show, only while following. */
	targets = $derived.by((): FocusTargets | null => {
		const leader = this.leader;
		return leader && this.following ? focusTargets(leader.focus, this.#board()) : null;
	});
	/** Note ids to highlight in the list. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- rebuilt by $derived, never mutated
	highlighted = $derived<ReadonlySet<string>>(new Set(this.targets?.noteIds ?? []));

	readonly #presence: () => Presence | null;
	readonly #board: () => Pick<Board, 'notes' | 'clusters' | 'personas'>;

	constructor(presence: () => Presence | null, board: () => Pick<Board, 'notes' | 'clusters' | 'personas'>) {
		this.#presence = presence;
		this.#board = board;
	}

	stop(): void {
		this.following = false;
	}

	resume(): void {
		this.following = true;
	}

	/** Called when nobody leads any more: the next "follow me" is followed again. */
	reset(): void {
		this.following = true;
	}
}
