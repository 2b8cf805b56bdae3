/**
 * Runs a keyed job at most once per window: the first call runs it at the end of the window,
 * later calls in the same window ride along. What a job reads is read when it runs, so the
 * last change before it is always included.
 */
export class Coalescer {
	private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();

	constructor(private readonly windowMs: number) {}

	schedule(key: string, job: () => unknown): void {
		if (this.pending.has(key)) return;
		this.pending.set(
			key,
			setTimeout(() => {
				this.pending.delete(key);
				job();
			}, this.windowMs)
		);
	}
}
