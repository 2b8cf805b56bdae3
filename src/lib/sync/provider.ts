import type * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { openEarly, type EarlySocket } from './early-socket';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

/**
 * Connects a workshop's document to `/sync/<workshopId>` on this page's own host; the browser
 * sends the session cookie with the upgrade and the server decides read-write or read-only.
 * BroadcastChannel is off so two tabs of one browser (say a facilitator and a test
 * participant) never exchange updates behind the server's back. With `connect: false` the
 * socket opens on `provider.connect()`.
 */
export function connectSync(workshopId: string, doc: Y.Doc, { connect = true, early }: { connect?: boolean; early?: EarlySocket } = {}): WebsocketProvider {
	return new WebsocketProvider(syncServerUrl(), workshopId, doc, {
		disableBc: true,
		maxBackoffTime: 5000,
		connect,
		...(early ? { WebSocketPolyfill: early.Socket } : {})
	});
}

const syncServerUrl = (): string => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;

/** The workshop's sync socket, opened now for a provider made later (see early-socket.ts). */
export const openSyncEarly = (workshopId: string): EarlySocket => openEarly(`${syncServerUrl()}/${workshopId}`);

/** How long a page waits for the first state before its socket syncs everything itself (35 kB for 1,000 notes: 6 s even at 50 kbit/s). */
const FIRST_STATE_WAIT_MS = 15_000;

/**
 * The document as one compressed update over plain HTTP (the sync endpoint's gate applies): a
 * phone's page asks for it from its HTML head, in parallel with its scripts, and applies it
 * before the socket's first sync, which then carries only what changed since.
 */
export const firstStateUrl = (workshopId: string): string => `/sync/${workshopId}/state`;

/** The first state as a Yjs update in the second format (apply it with `Y.applyUpdateV2`), or null when it could not be had (the socket's sync brings everything then). */
export async function fetchFirstState(workshopId: string): Promise<Uint8Array | null> {
	try {
		// Same mode and credentials as the page's <link rel="preload" as="fetch" crossorigin>, so the preloaded answer is used.
		// Bounded: on a stalled request the socket must not wait forever (older browsers lack AbortSignal.timeout and just wait).
		const signal = typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(FIRST_STATE_WAIT_MS) : undefined;
		const res = await fetch(firstStateUrl(workshopId), { credentials: 'same-origin', signal });
		return res.ok ? new Uint8Array(await res.arrayBuffer()) : null;
	} catch {
		return null;
	}
}
