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
	/** Sends a message the whole room gets (see RoomMessage). */
	sendRoomMessage(message: RoomMessage): void;
	close(code: number, reason: string): void;
}

/**
 * A message broadcast to every connection of a room: its bytes, and a slot for the frame a
 * transport wraps them in. The first WebSocket to send it builds the frame and the others reuse
 * it, so a room of 300 frames each update once instead of 300 times (ws-connection.ts).
 */
export class RoomMessage {
	/** The transport's encoding of `payload`, made once by whichever socket sends it first. */
	frame: Buffer | null = null;
	constructor(readonly payload: Buffer) {}
}

/** A client over this many bytes behind is dropped (1013) rather than buffered without end. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/** Sends unless the socket is closed; a client too far behind is closed instead. */
export function sendTo(socket: SyncSocket, message: Uint8Array | RoomMessage): void {
	if (!socket.isOpen) return;
	if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
		socket.close(1013, 'client too slow');
		return;
	}
	if (message instanceof RoomMessage) socket.sendRoomMessage(message);
	else socket.send(message);
}
