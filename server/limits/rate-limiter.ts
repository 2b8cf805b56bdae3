import { fullBucket, take, type Bucket, type Rate } from '../../src/lib/domain/limits/token-bucket.ts';

/** Buckets by key (a connection, or an actor in a workshop); idle keys are forgotten. */
export class RateLimiter {
	private readonly buckets = new Map<string, Bucket>();
	private lastSweep = 0;

	constructor(private readonly rate: Rate) {}

	/** 0 when allowed, otherwise the milliseconds to wait. */
	check(key: string, now = Date.now()): number {
		this.sweep(now);
		const result = take(this.buckets.get(key) ?? fullBucket(this.rate, now), this.rate, now);
		this.buckets.set(key, result.bucket);
		return result.retryAfterMs;
	}

	forget(key: string): void {
		this.buckets.delete(key);
	}

	private sweep(now: number): void {
		if (now - this.lastSweep < 60_000) return;
		this.lastSweep = now;
		const refillMs = (this.rate.capacity / this.rate.perSecond) * 1000;
		for (const [key, b] of this.buckets) if (now - b.at > refillMs) this.buckets.delete(key);
	}
}
