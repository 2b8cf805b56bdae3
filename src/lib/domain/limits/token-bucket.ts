/**
 * Token bucket: `capacity` requests at once, refilled at `perSecond`. Pure (time passed in),
 * so the server's limiter and its tests agree to the millisecond.
 */
export interface Rate {
	capacity: number;
	perSecond: number;
}

export interface Bucket {
	tokens: number;
	at: number;
}

export function fullBucket(rate: Rate, now: number): Bucket {
	return { tokens: rate.capacity, at: now };
}

/** Takes one token if there is one; says how long to wait otherwise. */
export function take(bucket: Bucket, rate: Rate, now: number): { bucket: Bucket; allowed: boolean; retryAfterMs: number } {
	const elapsed = Math.max(0, now - bucket.at) / 1000;
	const tokens = Math.min(rate.capacity, bucket.tokens + elapsed * rate.perSecond);
	if (tokens >= 1) return { bucket: { tokens: tokens - 1, at: now }, allowed: true, retryAfterMs: 0 };
	return { bucket: { tokens, at: now }, allowed: false, retryAfterMs: Math.ceil(((1 - tokens) / rate.perSecond) * 1000) };
}

/** A per-second limit with a burst of twice the rate, the usual shape for chatty clients. */
export const perSecond = (n: number): Rate => ({ capacity: 2 * n, perSecond: n });
/** A per-minute limit whose burst is half the minute's allowance (at least 1): an outbox flushed after a network cut fits. */
export const perMinute = (n: number): Rate => ({ capacity: Math.max(1, Math.ceil(n / 2)), perSecond: n / 60 });
