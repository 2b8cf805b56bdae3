import { io, type Socket } from 'socket.io-client';
import { LIVE_PATH } from '$lib/protocol/live';

/**
 * The live channel for one workshop. socket.io sends the page's cookies, the server picks the
 * actor from them. Emits are never buffered by socket.io here: callers send only while
 * connected and resend themselves on reconnect, with the same command id.
 */
export function connectLive(workshopId: string): Socket {
	// WebSocket first: the board's sync needs one anyway, and starting with HTTP long-polling
	// costs a phone several round trips before its first command. Polling stays the fallback.
	return io({ path: LIVE_PATH, auth: { workshopId }, transports: ['websocket', 'polling'], tryAllTransports: true });
}
