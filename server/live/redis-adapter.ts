import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import type { Log } from '../log.ts';

/** Several instances: socket.io rooms and broadcasts span every instance through Redis. */
export function attachRedisAdapter(io: Server, url: string, log: Log): () => void {
	const pub = new Redis(url, { maxRetriesPerRequest: 1 });
	const sub = pub.duplicate();
	for (const c of [pub, sub]) c.on('error', (e: Error) => log.debug({ err: e.message }, 'socket.io redis error'));
	// The adapter never awaits its publishes: while Redis is away, every broadcast (a table plan,
	// readiness counts, the clock) became an unhandled rejection. A broadcast lost then costs the
	// other instances' screens a stale view until the next push or reconnect, like any failed push.
	const publish = pub.publish.bind(pub) as (...args: unknown[]) => Promise<number>;
	(pub as unknown as { publish: typeof publish }).publish = (...args) =>
		publish(...args).catch((e: Error) => {
			log.debug({ err: e.message }, 'socket.io broadcast not published');
			return 0;
		});
	io.adapter(createAdapter(pub, sub));
	return () => {
		pub.disconnect();
		sub.disconnect();
	};
}
