import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics.ts';
import type { Rooms } from './sync/rooms.ts';

const rooms = { size: 0, loaded: async () => [] } as unknown as Rooms;
const counts = { syncConnections: () => 0, liveSockets: () => 0, redisUp: () => null };
const total = (text: string) => Number(/^concerto_sync_messages_total (\d+)$/m.exec(text)?.[1]);

describe('metrics', () => {
	it('counts sync messages counted on the message path, scrape after scrape', async () => {
		const { registry, countSyncMessage } = createMetrics(rooms, counts);
		for (let i = 0; i < 3; i++) countSyncMessage();
		expect(total(await registry.metrics())).toBe(3);
		countSyncMessage();
		// A second scrape adds what came since the first, and forgets nothing.
		expect(total(await registry.metrics())).toBe(4);
		expect(total(await registry.metrics())).toBe(4);
	});
});
