import type { WebSocket, RawData } from 'ws';
import type { Room } from './room.ts';
import type { SyncSocket } from './sync-socket.ts';
import { openConnection, type ConnectionOptions } from './connection.ts';

/**
 * Serves a `ws` WebSocket on a room: the thin adapter between ws and the transport-free
 * connection (connection.ts), plus what only a real socket needs — a heartbeat that ends
 * connections whose peer vanished without a close.
 */
export function serveConnection(ws: WebSocket, room: Room, options: ConnectionOptions, onClose: () => void): void {
	const connection = openConnection(wsSocket(ws), room, options);
	let alive = true;

	const heartbeat = setInterval(() => {
		if (!alive) return ws.terminate();
		alive = false;
		ws.ping();
	}, 30_000);
	ws.on('pong', () => (alive = true));

	ws.on('message', (data: RawData, isBinary: boolean) => connection.receive(toBytes(data), isBinary ? 'binary' : 'text'));
	ws.on('close', () => {
		clearInterval(heartbeat);
		connection.closed();
		onClose();
	});
	ws.on('error', (err) => options.log.warn({ workshopId: room.workshopId, actor: options.actor.id, err: err.message }, 'sync connection error'));
}

function wsSocket(ws: WebSocket): SyncSocket {
	// A send that fails leaves the socket in an unknown state: drop it, the client reconnects.
	// One callback per connection, not one closure per message of a fan-out.
	const sent = (err?: Error) => {
		if (err) ws.terminate();
	};
	return {
		get isOpen() {
			return ws.readyState === ws.OPEN;
		},
		get bufferedAmount() {
			return ws.bufferedAmount;
		},
		send(message) {
			ws.send(message, sent);
		},
		close(code, reason) {
			ws.close(code, reason);
		}
	};
}

function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
