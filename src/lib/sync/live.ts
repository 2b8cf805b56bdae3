import { io, type Socket } from 'socket.io-client';
import { LIVE_PATH, type LiveAuth } from '$lib/protocol/live';
import type { Role } from '$lib/domain/permissions/roles';

/**
 * The live channel for one workshop. socket.io sends the page's cookies, the server picks the
 * actor from them. `renderedAs`: the role the page was made for, on a page that reloads when the
 * server ends its socket for new rights (the participant's): a socket whose handshake finds
 * another role is ended at once, so a promotion made while the phone was still connecting or
 * offline is not missed. Emits are never buffered by socket.io here: callers send only while
 * connected and resend themselves on reconnect, with the same command id.
 */
export function connectLive(workshopId: string, renderedAs?: Role): Socket {
	// WebSocket first: the board's sync needs one anyway, and starting with HTTP long-polling
	// costs a phone several round trips before its first command. Polling stays the fallback.
	const auth: LiveAuth = renderedAs ? { workshopId, renderedAs } : { workshopId };
	return io({ path: LIVE_PATH, auth, transports: ['websocket', 'polling'], tryAllTransports: true });
}
