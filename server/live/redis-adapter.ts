import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import type { Log } from '../log.ts';

/** Several instances: socket.io rooms and broadcasts span every instance through Redis. */
export function attachRedisAdapter(io: Server, url: string, log: Log): () => void {
	const pub = new Redis(url, { maxRetriesPerRequest: 1 });
	const sub = pub.duplicate();
	for (const c of [pub, sub]) c.on('error', (e: Error) => log.debug({ err: e.message }, 'socket.io redis error'));
	io.adapter(createAdapter(pub, sub));
	return () => {
		pub.disconnect();
		sub.disconnect();
	};
}
