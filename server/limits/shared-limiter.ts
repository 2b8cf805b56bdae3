import { Redis } from 'ioredis';
import type { Rate } from '../../src/lib/domain/limits/token-bucket.ts';
import type { Log } from '../log.ts';
import { RateLimiter } from './rate-limiter.ts';

/**
 * A limit shared by every instance: one token bucket per key (a person in a workshop, a client
 * address), kept in Redis when several instances run, in memory otherwise. A person with 30
 * sockets, or spread over two instances, has one allowance, not 30 or 2.
 */
export interface SharedLimiter {
	/** 0 when allowed (the token is taken), otherwise the milliseconds to wait. */
	check(key: string): Promise<number>;
}

export interface Limits {
	/** Live commands, per person and workshop. */
	commands: SharedLimiter;
	/** `note.add`, per person and workshop. */
	notes: SharedLimiter;
	/** Joins, per client address. */
	joins: SharedLimiter;
	/** Sync sockets, first states and live handshakes, per client address: each costs reads at the gate. */
	connections: SharedLimiter;
	close(): Promise<void>;
}

// The same bucket as src/lib/domain/limits/token-bucket.ts, run atomically inside Redis, on
// Redis's clock so that instances with drifting clocks still agree.
const TAKE = `
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or capacity
local at = tonumber(b[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) / 1000 * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / rate * 1000) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate * 1000) + 1000)
return wait
`;

type LimitRedis = Redis & { takeToken(key: string, capacity: number, rate: number): Promise<number> };

/** How long a limit check may wait for Redis before this instance decides alone. */
const REDIS_WAIT_MS = 250;

class LocalLimiter implements SharedLimiter {
	private readonly local: RateLimiter;
	constructor(rate: Rate) {
		this.local = new RateLimiter(rate);
	}
	async check(key: string): Promise<number> {
		return this.local.check(key);
	}
}

/**
 * Redis first; while Redis is away this instance counts alone (its own bucket), so a Redis
 * outage loosens the limit across instances but never blocks anyone or lets one socket flood.
 */
class RedisLimiter implements SharedLimiter {
	private readonly fallback: RateLimiter;
	constructor(
		private readonly redis: LimitRedis,
		private readonly name: string,
		private readonly rate: Rate
	) {
		this.fallback = new RateLimiter(rate);
	}
	async check(key: string): Promise<number> {
		try {
			const wait = await Promise.race([
				this.redis.takeToken(`concerto:limit:${this.name}:${key}`, this.rate.capacity, this.rate.perSecond),
				new Promise<never>((_, reject) => setTimeout(() => reject(new Error('redis timeout')), REDIS_WAIT_MS).unref())
			]);
			return Number(wait);
		} catch {
			return this.fallback.check(key);
		}
	}
}

export function createLimits(rates: { commands: Rate; notes: Rate; joins: Rate; connections: Rate }, redisUrl: string | null, log: Log): Limits {
	if (!redisUrl) {
		return {
			commands: new LocalLimiter(rates.commands),
			notes: new LocalLimiter(rates.notes),
			joins: new LocalLimiter(rates.joins),
			connections: new LocalLimiter(rates.connections),
			close: async () => {}
		};
	}
	// Never queue a check while Redis is away: the fallback answers at once instead.
	const redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: false }) as LimitRedis;
	redis.defineCommand('takeToken', { numberOfKeys: 1, lua: TAKE });
	redis.on('error', (e: Error) => log.debug({ err: e.message }, 'limits: redis unavailable, counting locally'));
	return {
		commands: new RedisLimiter(redis, 'commands', rates.commands),
		notes: new RedisLimiter(redis, 'notes', rates.notes),
		joins: new RedisLimiter(redis, 'joins', rates.joins),
		connections: new RedisLimiter(redis, 'connections', rates.connections),
		close: async () => {
			redis.disconnect();
		}
	};
}
