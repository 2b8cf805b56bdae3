import type * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

/**
 * Connects a workshop's document to `/sync/<workshopId>` on this page's own host; the browser
 * sends the session cookie with the upgrade and the server decides read-write or read-only.
 * BroadcastChannel is off so two tabs of one browser (say a facilitator and a test
 * participant) never exchange updates behind the server's back.
 */
export function connectSync(workshopId: string, doc: Y.Doc): WebsocketProvider {
	const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
	return new WebsocketProvider(`${scheme}://${location.host}/sync`, workshopId, doc, { disableBc: true, maxBackoffTime: 5000 });
}
