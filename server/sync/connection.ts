import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import type { WebSocket, RawData } from 'ws';
import type { Log } from '../log.ts';
import type { Actor } from '../auth/actor.ts';
import { awarenessMessage, send, syncMessage, type Room } from './room.ts';
import { filterAwarenessUpdate } from './awareness-filter.ts';
import { CLOSE, MESSAGE_AUTH, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from './message-types.ts';

export interface ConnectionOptions {
	readOnly: boolean;
	actor: Actor;
	log: Log;
	/** Returns 0 when this connection may send one more message, else ms to wait. */
	rateCheck: () => number;
	onMessage?: () => void;
}

/**
 * Serves one y-websocket connection on a room. Trust is decided once, here: a read-only
 * connection may ask for the document (SyncStep1) and publish its own presence; its
 * SyncStep2 and update messages are dropped, never filtered piece by piece.
 */
export function serveConnection(ws: WebSocket, room: Room, options: ConnectionOptions, onClose: () => void): void {
	const { readOnly, actor, log } = options;
	const identity = { id: actor.id, name: actor.displayName, category: actor.category, role: actor.role };
	let ownClientId: number | null = null;
	let alive = true;
	room.conns.add(ws);

	const heartbeat = setInterval(() => {
		if (!alive) return ws.terminate();
		alive = false;
		ws.ping();
	}, 30_000);
	ws.on('pong', () => (alive = true));

	ws.on('message', (data: RawData, isBinary: boolean) => {
		options.onMessage?.();
		if (ws.readyState !== ws.OPEN) return;
		if (options.rateCheck() > 0) return refuse(CLOSE.rateLimited, 'rate limited: too many messages per second');
		if (!isBinary) return refuse(CLOSE.unsupported, 'text frames are not part of the protocol');
		try {
			handle(toBytes(data));
		} catch (e) {
			refuse(CLOSE.malformed, `malformed message: ${(e as Error).message}`);
		}
	});

	function refuse(code: number, reason: string): void {
		log.warn({ workshopId: room.workshopId, actor: actor.id, code, reason }, 'sync connection closed');
		ws.close(code, reason.slice(0, 120));
	}

	function handle(message: Uint8Array): void {
		const decoder = decoding.createDecoder(message);
		const type = decoding.readVarUint(decoder);
		switch (type) {
			case MESSAGE_SYNC: {
				const syncType = decoding.readVarUint(decoder);
				if (syncType === syncProtocol.messageYjsSyncStep1) {
					const reply = syncMessage((e) => syncProtocol.readSyncStep1(decoder, e, room.doc));
					send(ws, reply);
				} else if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
					// Untrusted peers do not write the shared document: drop, don't filter.
					if (readOnly) return;
					Y.applyUpdate(room.doc, decoding.readVarUint8Array(decoder), ws);
				} else {
					throw new Error(`unknown sync message ${syncType}`);
				}
				return;
			}
			case MESSAGE_AWARENESS: {
				const filtered = filterAwarenessUpdate(decoding.readVarUint8Array(decoder), ownClientId, identity);
				if (!filtered) return;
				ownClientId = filtered.clientId;
				awarenessProtocol.applyAwarenessUpdate(room.awareness, filtered.update, ws);
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
		send(ws, awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(room.awareness, [...states.keys()])));
	}

	ws.on('close', () => {
		clearInterval(heartbeat);
		room.conns.delete(ws);
		if (ownClientId !== null) awarenessProtocol.removeAwarenessStates(room.awareness, [ownClientId], null);
		onClose();
	});
	ws.on('error', (err) => log.warn({ workshopId: room.workshopId, actor: actor.id, err: err.message }, 'sync connection error'));

	// Start: ask the client for what we miss (this is how unsaved edits come back after a
	// crash), and tell it who is here.
	send(ws, syncMessage((e) => syncProtocol.writeSyncStep1(e, room.doc)));
	sendAwareness();
}

function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
