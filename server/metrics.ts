import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Rooms } from './sync/rooms.ts';

/** Prometheus metrics at /metrics: connections, loaded workshops, messages, persistence lag. */
export function createMetrics(
	rooms: Rooms,
	counts: { syncConnections(): number; liveSockets(): number; redisUp(): boolean | null }
) {
	const registry = new Registry();
	collectDefaultMetrics({ register: registry, prefix: 'concerto_' });
	const messages = new Counter({ name: 'concerto_sync_messages_total', help: 'Sync messages received', registers: [registry] });
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
	return { registry, messages, droppedEvents };
}
