/**
 * One sync connection's transport, as the room and the protocol handling see it. Production
 * wraps a `ws` WebSocket (ws-connection.ts); tests use an in-memory one, so the read-only and
 * awareness rules run without a server.
 */
export interface SyncSocket {
	/** False once closing or closed: nothing more is sent. */
	readonly isOpen: boolean;
	/** Bytes queued for this client and not yet sent. */
	readonly bufferedAmount: number;
	send(message: Uint8Array): void;
	close(code: number, reason: string): void;
}

/** A client over this many bytes behind is dropped (1013) rather than buffered without end. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/** Sends unless the socket is closed; a client too far behind is closed instead. */
export function sendTo(socket: SyncSocket, message: Uint8Array): void {
	if (!socket.isOpen) return;
	if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
		socket.close(1013, 'client too slow');
		return;
	}
	socket.send(message);
}
