import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { executionAsyncId } from 'node:async_hooks';
import type { Rooms } from './sync/rooms.ts';

/** Prometheus metrics at /metrics: connections, loaded workshops, messages, persistence lag. */
export function createMetrics(
	rooms: Rooms,
	counts: { syncConnections(): number; liveSockets(): number; redisUp(): boolean | null }
) {
	const registry = new Registry();
	// The event-loop delay histogram is sampled every 100 ms, not prom-client's default 10 ms: its
	// timer woke the process 100 times a second, which alone cost as much CPU as an idle
	// reference server's whole fan-out of a quiet board (0.35 % of a core). Its series
	// (concerto_nodejs_eventloop_lag_*) read the 100 ms period plus the lag.
	collectDefaultMetrics({ register: registry, prefix: 'concerto_', eventLoopMonitoringPrecision: 100 });
	// Counted in a plain number on the message path and handed to the counter when scraped:
	// a prom-client inc() per message is label hashing and bookkeeping nobody reads until then.
	let received = 0;
	new Counter({
		name: 'concerto_sync_messages_total',
		help: 'Sync messages received',
		registers: [registry],
		collect() {
			this.inc(received);
			received = 0;
		}
	});
	const droppedEvents = new Counter({
		name: 'concerto_live_events_dropped_total',
		help: 'Live events dropped unread: without an acknowledgement, or over the per-socket limit',
		labelNames: ['reason'],
		registers: [registry]
	});
	new Gauge({
		name: 'concerto_connections',
		help: 'Open connections by channel',
		labelNames: ['channel'],
		registers: [registry],
		collect() {
			this.set({ channel: 'sync' }, counts.syncConnections());
			this.set({ channel: 'live' }, counts.liveSockets());
		}
	});
	new Gauge({
		name: 'concerto_redis_up',
		help: '1 when the Redis fan-out is connected, 0 when lost (absent on a single instance)',
		registers: [registry],
		collect() {
			const up = counts.redisUp();
			if (up !== null) this.set(up ? 1 : 0);
		}
	});
	new Gauge({
		name: 'concerto_workshops_loaded',
		help: 'Workshop documents in memory',
		registers: [registry],
		collect() {
			this.set(rooms.size);
		}
	});
	new Gauge({
		name: 'concerto_persistence_lag_seconds',
		help: 'Age of the oldest document update not yet stored',
		registers: [registry],
		async collect() {
			const now = Date.now();
			const lags = (await rooms.loaded()).map((r) => r.log.lagMs(now));
			this.set(Math.max(0, ...lags) / 1000);
		}
	});
	new Gauge({
		name: 'concerto_async_hooks_active',
		help: '1 when async hooks are on for the whole process: every promise and socket write then pays for them (see scripts/kit-without-als.js)',
		registers: [registry],
		async collect() {
			this.set((await asyncHooksActive()) ? 1 : 0);
		}
	});
	return {
		registry,
		/** One sync message received (called on the message path: keep it a single addition). */
		countSyncMessage: () => {
			received++;
		},
		droppedEvents
	};
}

/**
 * Whether async hooks are on. Without any, V8 gives a promise reaction no async id
 * (`executionAsyncId()` is 0 inside `.then`); once an AsyncLocalStorage has run on Node 20, every
 * promise gets one. Node offers no public flag for it.
 */
async function asyncHooksActive(): Promise<boolean> {
	return (await Promise.resolve().then(() => executionAsyncId())) !== 0;
}
