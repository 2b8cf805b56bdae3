import type { ErrorCode } from '$lib/protocol/errors';
import type { LiveChannel } from './live.svelte';
import { phaseOutbox, type PhaseOutbox } from './phase-outbox';

const readChoices = (raw: unknown): number[] | null =>
	Array.isArray(raw) && raw.length > 0 && raw.every((i) => Number.isInteger(i) && i >= 0) ? (raw as number[]) : null;
const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * A phone's answer to the poll on. The answer sent is the whole answer (it replaces the last
 * one), so sending it again lands the same: an answer not yet acknowledged waits here, shown as
 * unsent, and goes out again when the connection comes back (it survives a reload too).
 */
export class PollAnswerState {
	/** The answer sent and not acknowledged yet. */
	waiting = $state.raw<number[] | null>(null);
	/** The last refusal, as an error code to translate (`error.<code>`). */
	error = $state<ErrorCode | null>(null);
	/** What the person has ticked and not sent (null: shows what was sent). */
	#picked = $state.raw<number[] | null>(null);

	readonly #live: LiveChannel;
	readonly #phaseId: string;
	readonly #outbox: PhaseOutbox<number[]>;

	constructor(live: LiveChannel, phaseId: string) {
		this.#live = live;
		this.#phaseId = phaseId;
		this.#outbox = phaseOutbox(live, 'poll', phaseId, readChoices);
		this.waiting = this.#outbox.restore();
		this.#outbox.flushOnConnect(() => {
			if (this.waiting) void this.#send(this.waiting);
		});
	}

	/** The answer the server stored for this person (empty: none yet). */
	get stored(): number[] {
		const mine = this.#live.myPoll;
		return mine?.phaseId === this.#phaseId ? mine.choices : [];
	}

	/** The choices ticked on screen. */
	get picked(): number[] {
		return this.#picked ?? this.waiting ?? this.stored;
	}

	get status(): 'unsent' | 'changed' | 'sent' | 'none' {
		if (this.waiting) return 'unsent';
		if (this.#picked && !same(this.#picked, this.stored)) return 'changed';
		return this.stored.length ? 'sent' : 'none';
	}

	/** Ticks or unticks a choice; with one answer only, a choice replaces the other. */
	toggle(index: number, multiple: boolean): void {
		const now = this.picked;
		const next = !multiple ? [index] : now.includes(index) ? now.filter((i) => i !== index) : [...now, index];
		this.#picked = next.sort((a, b) => a - b);
	}

	submit(): void {
		const choices = this.picked;
		if (!choices.length) return;
		this.error = null;
		this.waiting = choices;
		this.#picked = null;
		this.#outbox.save(choices);
		void this.#send(choices);
	}

	async #send(choices: number[]): Promise<void> {
		const res = await this.#live.command('poll.answer', { choices });
		// A newer answer supersedes this one's acknowledgement.
		if (this.waiting !== choices) return;
		if (!res.ok && res.error.code === 'unavailable') {
			// Offline or the database is away: keep it (shown as unsent) and try again.
			this.#outbox.retryLater(
				() => this.waiting === choices,
				() => void this.#send(choices)
			);
			return;
		}
		this.waiting = null;
		this.#outbox.save(null);
		if (res.ok) this.#live.myPoll = { phaseId: this.#phaseId, choices: res.value.choices };
		else this.error = res.error.code;
	}
}
