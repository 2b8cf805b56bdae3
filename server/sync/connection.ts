import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import type { Log } from '../log.ts';
import type { Actor } from '../auth/actor.ts';
import { awarenessMessage, syncMessage, type Room } from './room.ts';
import { sendTo, type SyncSocket } from './sync-socket.ts';
import { AWARENESS_MESSAGES_PER_SECOND, AwarenessTooLarge, filterAwarenessUpdate } from './awareness-filter.ts';
import { fullBucket, perSecond, take } from '../../src/lib/domain/limits/token-bucket.ts';
import { CLOSE, MESSAGE_AUTH, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from './message-types.ts';

const STALE = 'edits made without the right to write: start again from the server’s document';

/** True when an update deletes something (a delete set that is not empty). */
const hasDeletions = (update: Uint8Array) => Y.decodeUpdate(update).ds.clients.size > 0;

export interface ConnectionOptions {
	readOnly: boolean;
	actor: Actor;
	log: Log;
	/** Returns 0 when this connection may send one more message, else ms to wait. */
	rateCheck: () => number;
	onMessage?: () => void;
}

/** One y-websocket connection on a room, fed by its transport. */
export interface SyncConnection {
	/** A message from the client; a `text` frame is not part of the protocol and closes the connection. */
	receive(message: Uint8Array, frame?: 'binary' | 'text'): void;
	/** The transport has closed: leave the room and take this client's presence with it. */
	closed(): void;
}

/**
 * Serves one y-websocket connection on a room. Trust is decided once, here: a read-only
 * connection may ask for the document (SyncStep1) and publish its own presence; its
 * SyncStep2 and update messages are dropped, never filtered piece by piece.
 */
export function openConnection(socket: SyncSocket, room: Room, options: ConnectionOptions): SyncConnection {
	const { readOnly, actor, log } = options;
	const identity = { id: actor.id, name: actor.displayName, category: actor.category, role: actor.role };
	let ownClientId: number | null = null;
	const awarenessRate = perSecond(actor.role === 'facilitator' ? AWARENESS_MESSAGES_PER_SECOND.facilitator : AWARENESS_MESSAGES_PER_SECOND.other);
	let awarenessBucket = fullBucket(awarenessRate, Date.now());
	room.conns.add(socket);

	function refuse(code: number, reason: string): void {
		log.warn({ workshopId: room.workshopId, actor: actor.id, code, reason }, 'sync connection closed');
		socket.close(code, reason.slice(0, 120));
	}

	function handle(message: Uint8Array): void {
		const decoder = decoding.createDecoder(message);
		const type = decoding.readVarUint(decoder);
		switch (type) {
			case MESSAGE_SYNC: {
				const syncType = decoding.readVarUint(decoder);
				if (syncType === syncProtocol.messageYjsSyncStep1) {
					const reply = syncMessage((e) => syncProtocol.readSyncStep1(decoder, e, room.doc));
					sendTo(socket, reply);
				} else if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
					const update = decoding.readVarUint8Array(decoder);
					// Untrusted peers do not write the shared document: drop, don't filter. What a
					// read-only document wrote is remembered (its client ids, and that this person
					// tried), so it is never replayed once they are promoted: a provider keeps its
					// edits and resends them on reconnect.
					if (readOnly) {
						const { to } = Y.parseUpdateMeta(update);
						if (to.size || hasDeletions(update)) room.droppedWrites(actor.id, to);
						return;
					}
					// Only a person whose read-only document once wrote is checked: every other editor's
					// update goes straight in, undecoded (this is the board's hot path).
					if (room.hasReadOnlyPast(actor.id)) {
						const { to } = Y.parseUpdateMeta(update);
						// Once promoted, their first catch-up must bring nothing: a fresh document's is empty.
						if (syncType === syncProtocol.messageYjsSyncStep2 && room.triedWriting(actor.id)) {
							if (to.size > 0 || hasDeletions(update)) return refuse(CLOSE.staleDocument, STALE);
							room.startedAfresh(actor.id);
						}
						if (room.wroteWhileReadOnly(actor.id, to.keys())) return refuse(CLOSE.staleDocument, STALE);
					}
					Y.applyUpdate(room.doc, update, socket);
				} else {
					throw new Error(`unknown sync message ${syncType}`);
				}
				return;
			}
			case MESSAGE_AWARENESS: {
				// Presence is lossy by nature: past the rate a cursor update is dropped, not an error.
				const taken = take(awarenessBucket, awarenessRate, Date.now());
				awarenessBucket = taken.bucket;
				if (!taken.allowed) return;
				const filtered = filterAwarenessUpdate(decoding.readVarUint8Array(decoder), ownClientId, identity, {
					takenByOther: (clientId) => room.clientOwner(clientId, actor.id) !== actor.id,
					now: Date.now()
				});
				if (!filtered) return;
				ownClientId = filtered.clientId;
				awarenessProtocol.applyAwarenessUpdate(room.awareness, filtered.update, socket);
				return;
			}
			case MESSAGE_QUERY_AWARENESS:
				sendAwareness();
				return;
			case MESSAGE_AUTH:
				throw new Error('auth messages go from server to client only');
			default:
				throw new Error(`unknown message type ${type}`);
		}
	}

	function sendAwareness(): void {
		const states = room.awareness.getStates();
		if (states.size === 0) return;
		sendTo(socket, awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(room.awareness, [...states.keys()])));
	}

	// Start: ask the client for what we miss (this is how unsaved edits come back after a
	// crash), and tell it who is here.
	sendTo(socket, syncMessage((e) => syncProtocol.writeSyncStep1(e, room.doc)));
	sendAwareness();

	return {
		receive(message, frame = 'binary') {
			options.onMessage?.();
			if (!socket.isOpen) return;
			if (options.rateCheck() > 0) return refuse(CLOSE.rateLimited, 'rate limited: too many messages per second');
			if (frame !== 'binary') return refuse(CLOSE.unsupported, 'text frames are not part of the protocol');
			try {
				handle(message);
			} catch (e) {
				if (e instanceof AwarenessTooLarge) refuse(CLOSE.tooLarge, e.message);
				else refuse(CLOSE.malformed, `malformed message: ${(e as Error).message}`);
			}
		},
		closed() {
			room.conns.delete(socket);
			if (ownClientId !== null) awarenessProtocol.removeAwarenessStates(room.awareness, [ownClientId], null);
		}
	};
}
