import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Log } from '../log.ts';
import type { SharedDoc, UpdateSink } from './shared-doc.ts';
import { FANOUT_ORIGIN } from './origins.ts';

/**
 * `hello` carries a state vector and asks for what the sender lacks *and* for the answerer's
 * own state vector (`helloBack`), which is answered with a diff only. So two instances
 * catch up in both directions even when only one of them heard the other's hello (after an
 * outage, whichever re-subscribes last is the only one heard).
 */
const KIND = { update: 0, awareness: 1, hello: 2, helloBack: 3 } as const;
const ID_BYTES = 8;

/**
 * Fan-out of Yjs updates and awareness between instances over Redis pub/sub, one channel
 * per workshop. Every instance holding the room applies, broadcasts and stores what it gets
 * (if the one that received it dies inside its commit window, another's copy survives). A newly loaded room (or every room after Redis comes back) says hello with
 * its state vector, and every instance answers with what it has beyond it, so updates that
 * were still in another instance's commit window are not missed.
 */
export class RedisFanout {
	private readonly pub: Redis;
	private readonly sub: Redis;
	private readonly id = randomBytes(ID_BYTES);
	private readonly rooms = new Map<string, SharedDoc>();
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
		// Either connection may come back first; the catch-up waits for both (a hello sent while
		// the publisher is still reconnecting would be dropped).
		this.sub.on('ready', () => this.reconnected());
		this.pub.on('ready', () => this.reconnected());
		this.sub.on('close', () => {
			if (this.up) this.log.warn('redis lost: serving this instance’s clients only until it returns');
			this.up = false;
		});
		this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.receive(channel.toString(), message));
	}

	get healthy(): boolean {
		return this.up && this.pub.status === 'ready';
	}

	private reconnected(): void {
		if (this.sub.status !== 'ready' || this.pub.status !== 'ready') return;
		if (!this.up) this.log.info('redis fan-out connected');
		this.up = true;
		if (this.rooms.size === 0) return;
		// ioredis re-subscribes only channels whose SUBSCRIBE succeeded; a room loaded while
		// Redis was away never got one. SUBSCRIBE is idempotent, so ask for them all.
		const channels = [...this.rooms.keys()].map(channel);
		this.sub
			.subscribe(...channels)
			.then(() => {
				// After an outage, catch up with the other instances on every room.
				for (const room of this.rooms.values()) this.hello(room);
			})
			.catch((e: Error) => this.log.warn({ err: e.message }, 'redis re-subscribe failed'));
	}

	async join(room: SharedDoc): Promise<void> {
		this.rooms.set(room.workshopId, room);
		try {
			await this.sub.subscribe(channel(room.workshopId));
			this.hello(room);
		} catch (e) {
			this.log.warn({ workshopId: room.workshopId, err: (e as Error).message }, 'redis subscribe failed');
		}
	}

	leave(room: SharedDoc): void {
		if (this.rooms.get(room.workshopId) !== room) return;
		this.rooms.delete(room.workshopId);
		this.sub.unsubscribe(channel(room.workshopId)).catch(() => {});
	}

	/**
	 * The room's sink that publishes its changes to the other instances. What came from them
	 * (FANOUT_ORIGIN) is not sent back: every instance would echo every update forever.
	 */
	sinkFor(workshopId: string): UpdateSink {
		return {
			onUpdate: (update, origin) => {
				if (origin !== FANOUT_ORIGIN) this.publishUpdate(workshopId, update);
			},
			onAwareness: (update, origin) => {
				if (origin !== FANOUT_ORIGIN) this.publishAwareness(workshopId, update);
			}
		};
	}

	private publishUpdate(workshopId: string, update: Uint8Array): void {
		this.publish(workshopId, KIND.update, update);
	}

	private publishAwareness(workshopId: string, update: Uint8Array): void {
		this.publish(workshopId, KIND.awareness, update);
	}

	async close(): Promise<void> {
		this.pub.disconnect();
		this.sub.disconnect();
	}

	private hello(room: SharedDoc): void {
		this.publish(room.workshopId, KIND.hello, Y.encodeStateVector(room.doc));
	}

	/** Publishes what we have beyond `stateVector`, if anything. */
	private answerHello(room: SharedDoc, stateVector: Uint8Array): void {
		const missing = Y.encodeStateAsUpdate(room.doc, stateVector);
		// An empty diff is 2 bytes; only answer when there is something to give.
		if (missing.length > 2) this.publishUpdate(room.workshopId, missing);
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
				case KIND.awareness: {
					// Client ids announced on another instance become owned here too, by the same people.
					const kept = room.remoteAwareness ? room.remoteAwareness(payload) : payload;
					if (kept) awarenessProtocol.applyAwarenessUpdate(room.awareness, kept, FANOUT_ORIGIN);
					break;
				}
				case KIND.hello: {
					this.answerHello(room, payload);
					this.publish(room.workshopId, KIND.helloBack, Y.encodeStateVector(room.doc));
					const states = [...room.awareness.getStates().keys()];
					if (states.length) this.publishAwareness(room.workshopId, awarenessProtocol.encodeAwarenessUpdate(room.awareness, states));
					break;
				}
				case KIND.helloBack:
					this.answerHello(room, payload);
					break;
			}
		} catch (e) {
			this.log.warn({ workshopId: room.workshopId, err: (e as Error).message }, 'bad fan-out message ignored');
		}
	}
}

const CHANNEL_PREFIX = 'concerto:workshop:';
const channel = (workshopId: string) => CHANNEL_PREFIX + workshopId;
