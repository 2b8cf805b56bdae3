import { describe, expect, test } from 'vitest';
import { fullBucket, perMinute, perSecond, take, type Bucket } from './token-bucket.ts';

function drain(rate: ReturnType<typeof perSecond>, at: number, n: number): { allowed: number; bucket: Bucket; lastWait: number } {
	let bucket = fullBucket(rate, at);
	let allowed = 0;
	let lastWait = 0;
	for (let i = 0; i < n; i++) {
		const r = take(bucket, rate, at);
		bucket = r.bucket;
		if (r.allowed) allowed++;
		else lastWait = r.retryAfterMs;
	}
	return { allowed, bucket, lastWait };
}

describe('token bucket', () => {
	test('allows a burst of twice the per-second rate, then refuses with a wait', () => {
		const { allowed, lastWait } = drain(perSecond(10), 0, 50);
		expect(allowed).toBe(20);
		expect(lastWait).toBe(100);
	});

	test('refills with time, never above capacity', () => {
		const rate = perSecond(10);
		const { bucket } = drain(rate, 0, 20);
		expect(take(bucket, rate, 50).allowed).toBe(false);
		expect(take(bucket, rate, 100).allowed).toBe(true);
		expect(drain(rate, 0, 0).bucket.tokens).toBe(20);
		const later = take(bucket, rate, 1_000_000).bucket;
		expect(later.tokens).toBe(19);
	});

	test('30 notes a minute: 15 at once (an outbox after a cut), then one every 2 s', () => {
		const rate = perMinute(30);
		const { allowed, bucket, lastWait } = drain(rate, 0, 40);
		expect(allowed).toBe(15);
		expect(lastWait).toBe(2000);
		expect(take(bucket, rate, 2000).allowed).toBe(true);
	});

	test('a clock going backwards does not mint tokens', () => {
		const rate = perSecond(1);
		const { bucket } = drain(rate, 10_000, 2);
		expect(take(bucket, rate, 0).allowed).toBe(false);
	});
});
