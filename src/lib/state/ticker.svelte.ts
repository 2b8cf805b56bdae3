/**
 * A clock for countdowns: `now` moves four times a second while started. Remaining times are
 * derived from it and the server's end time, never counted down by the component itself, so
 * a tab that slept shows the right time the moment it wakes.
 */
export class Ticker {
	now = $state(Date.now());
	#timer: ReturnType<typeof setInterval> | null = null;

	start(everyMs = 250): () => void {
		this.#timer ??= setInterval(() => (this.now = Date.now()), everyMs);
		return () => this.stop();
	}

	stop(): void {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
	}
}
