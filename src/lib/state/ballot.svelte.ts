import { SvelteMap } from 'svelte/reactivity';
import type { ErrorCode } from '$lib/protocol/errors';
import type { LiveChannel } from './live.svelte';

const RETRY_UNAVAILABLE_MS = 3_000;

/**
 * A phone's dots in the vote on. Each change is the item's new count (not a step), so
 * sending it again lands the same: a change not yet acknowledged waits here, shown as
 * unsent, and goes out again when the connection comes back. What the server stored
 * (`vote.mine`, acknowledgements) is the truth once nothing is waiting.
 */
export class Ballot {
	/** Changes not acknowledged yet, by item: the count this phone wants. */
	readonly waiting = new SvelteMap<string, number>();
	/** The last refusal, as an error code to translate (`error.<code>`). */
	error = $state<ErrorCode | null>(null);

	readonly #live: LiveChannel;
	readonly #phaseId: string;

	constructor(live: LiveChannel, phaseId: string) {
		this.#live = live;
		this.#phaseId = phaseId;
		this.#restore();
		live.socket?.on('connect', () => this.#flush());
		if (live.connected) this.#flush();
	}

	/** Dots on an item as this phone shows them: what waits, else what the server stored. */
	dotsOn(itemId: string): number {
		return this.waiting.get(itemId) ?? this.#stored()[itemId] ?? 0;
	}

	/** Dots spent over the given items (an item gone from the board still holds its dots until withdrawn). */
	spent(): number {
		const all = { ...this.#stored(), ...Object.fromEntries(this.waiting) };
		return Object.values(all).reduce((sum, d) => sum + d, 0);
	}

	set(itemId: string, dots: number): void {
		this.error = null;
		this.waiting.set(itemId, dots);
		this.#save();
		void this.#send(itemId, dots);
	}

	#stored(): Record<string, number> {
		const mine = this.#live.myVotes;
		return mine?.phaseId === this.#phaseId ? mine.dots : {};
	}

	#flush(): void {
		for (const [itemId, dots] of this.waiting) void this.#send(itemId, dots);
	}

	async #send(itemId: string, dots: number): Promise<void> {
		const res = await this.#live.command('vote.set', { itemId, dots });
		// A newer change of the same item supersedes this answer.
		if (this.waiting.get(itemId) !== dots) return;
		if (res.ok) {
			this.waiting.delete(itemId);
			this.#save();
			this.#live.myVotes = { phaseId: this.#phaseId, dots: { ...this.#stored(), [itemId]: dots } };
			return;
		}
		if (res.error.code === 'unavailable') {
			// Offline or the database is away: keep it (shown as unsent) and try again.
			if (this.#live.connected) setTimeout(() => this.waiting.get(itemId) === dots && void this.#send(itemId, dots), RETRY_UNAVAILABLE_MS);
			return;
		}
		this.waiting.delete(itemId);
		this.#save();
		this.error = res.error.code;
	}

	// Unsent dots survive a reload, like unsent ideas (localStorage, per vote phase).
	get #key(): string {
		return `concerto.votes.${this.#live.workshopId}.${this.#phaseId}`;
	}

	#save(): void {
		try {
			if (this.waiting.size) localStorage.setItem(this.#key, JSON.stringify(Object.fromEntries(this.waiting)));
			else localStorage.removeItem(this.#key);
		} catch {
			// Private browsing or a full quota: the ballot still works for this page's life.
		}
	}

	#restore(): void {
		try {
			const raw: unknown = JSON.parse(localStorage.getItem(this.#key) ?? '{}');
			for (const [itemId, dots] of Object.entries(raw as Record<string, unknown>))
				if (Number.isInteger(dots) && (dots as number) >= 0) this.waiting.set(itemId, dots as number);
		} catch {
			// Unreadable storage: nothing to restore.
		}
	}
}
