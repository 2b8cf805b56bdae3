import { SvelteMap } from 'svelte/reactivity';
import type { ErrorCode } from '$lib/protocol/errors';
import type { LiveChannel } from './live.svelte';
import { phaseOutbox, type PhaseOutbox } from './phase-outbox';

const readDots = (raw: unknown): Record<string, number> =>
	Object.fromEntries(Object.entries(typeof raw === 'object' && raw ? raw : {}).filter((e): e is [string, number] => Number.isInteger(e[1]) && e[1] >= 0));

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
	// Unsent dots survive a reload, like unsent ideas (localStorage, per vote phase).
	readonly #outbox: PhaseOutbox<Record<string, number>>;

	constructor(live: LiveChannel, phaseId: string) {
		this.#live = live;
		this.#phaseId = phaseId;
		this.#outbox = phaseOutbox(live, 'votes', phaseId, readDots);
		for (const [itemId, dots] of Object.entries(this.#outbox.restore() ?? {})) this.waiting.set(itemId, dots);
		this.#outbox.flushOnConnect(() => this.#flush());
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
			this.#outbox.retryLater(
				() => this.waiting.get(itemId) === dots,
				() => void this.#send(itemId, dots)
			);
			return;
		}
		this.waiting.delete(itemId);
		this.#save();
		this.error = res.error.code;
	}

	#save(): void {
		this.#outbox.save(this.waiting.size ? Object.fromEntries(this.waiting) : null);
	}
}
