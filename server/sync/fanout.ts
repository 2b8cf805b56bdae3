import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Log } from '../log.ts';
import type { Room } from './room.ts';

/** Origin given to changes that came from another instance: applied and shown, never re-sent or re-stored. */
export const FANOUT_ORIGIN = Symbol('fanout');

const KIND = { update: 0, awareness: 1, hello: 2 } as const;
const ID_BYTES = 8;

/**
 * Fan-out of Yjs updates and awareness between instances over Redis pub/sub, one channel
 * per workshop. The instance that received an update stores it; the others only apply and
 * broadcast it. A newly loaded room (or every room after Redis comes back) says hello with
 * its state vector, and every instance answers with what it has beyond it, so updates that
 * were still in another instance's commit window are not missed.
 */
export class RedisFanout {
	private readonly pub: Redis;
	private readonly sub: Redis;
	private readonly id = randomBytes(ID_BYTES);
	private readonly rooms = new Map<string, Room>();
	private up = false;

	constructor(
		url: string,
		private readonly log: Log
	) {
		// No offline queue: while Redis is away, publishes fail at once instead of piling up.
		const options = { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false };
		this.pub = new Redis(url, options);
		this.sub = new Redis(url, { ...options, enableOfflineQueue: true });
		for (const [name, conn] of [['publisher', this.pub], ['subscriber', this.sub]] as const) {
			conn.on('error', (e: Error) => this.log.debug({ err: e.message, conn: name }, 'redis error'));
		}
		this.sub.on('ready', () => {
			if (!this.up) this.log.info('redis fan-out connected');
			this.up = true;
			// After an outage, catch up with the other instances on every room.
			for (const room of this.rooms.values()) this.hello(room);
		});
		this.sub.on('close', () => {
			if (this.up) this.log.warn('redis lost: serving this instance’s clients only until it returns');
			this.up = false;
		});
		this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.receive(channel.toString(), message));
	}

	get healthy(): boolean {
		return this.up && this.pub.status === 'ready';
	}

	async join(room: Room): Promise<void> {
		this.rooms.set(room.workshopId, room);
		try {
			await this.sub.subscribe(channel(room.workshopId));
			this.hello(room);
		} catch (e) {
			this.log.warn({ workshopId: room.workshopId, err: (e as Error).message }, 'redis subscribe failed');
		}
	}

	leave(room: Room): void {
		if (this.rooms.get(room.workshopId) !== room) return;
		this.rooms.delete(room.workshopId);
		this.sub.unsubscribe(channel(room.workshopId)).catch(() => {});
	}

	publishUpdate(workshopId: string, update: Uint8Array): void {
		this.publish(workshopId, KIND.update, update);
	}

	publishAwareness(workshopId: string, update: Uint8Array): void {
		this.publish(workshopId, KIND.awareness, update);
	}

	async close(): Promise<void> {
		this.pub.disconnect();
		this.sub.disconnect();
	}

	private hello(room: Room): void {
		this.publish(room.workshopId, KIND.hello, Y.encodeStateVector(room.doc));
	}

	private publish(workshopId: string, kind: number, payload: Uint8Array): void {
		if (this.pub.status !== 'ready') return;
		const message = Buffer.concat([Buffer.from([kind]), this.id, payload]);
		this.pub.publish(channel(workshopId), message).catch((e: Error) => this.log.debug({ err: e.message }, 'redis publish failed'));
	}

	private receive(ch: string, message: Buffer): void {
		const room = this.rooms.get(ch.slice(CHANNEL_PREFIX.length));
		if (!room || message.length < 1 + ID_BYTES) return;
		if (message.subarray(1, 1 + ID_BYTES).equals(this.id)) return;
		const payload = new Uint8Array(message.subarray(1 + ID_BYTES));
		try {
			switch (message[0]) {
				case KIND.update:
					Y.applyUpdate(room.doc, payload, FANOUT_ORIGIN);
					break;
				case KIND.awareness:
					awarenessProtocol.applyAwarenessUpdate(room.awareness, payload, FANOUT_ORIGIN);
					break;
				case KIND.hello: {
					const missing = Y.encodeStateAsUpdate(room.doc, payload);
					// An empty diff is 2 bytes; only answer when there is something to give.
					if (missing.length > 2) this.publishUpdate(room.workshopId, missing);
					const states = [...room.awareness.getStates().keys()];
					if (states.length) this.publishAwareness(room.workshopId, awarenessProtocol.encodeAwarenessUpdate(room.awareness, states));
					break;
				}
			}
		} catch (e) {
			this.log.warn({ workshopId: room.workshopId, err: (e as Error).message }, 'bad fan-out message ignored');
		}
	}
}

const CHANNEL_PREFIX = 'concerto:workshop:';
const channel = (workshopId: string) => CHANNEL_PREFIX + workshopId;
