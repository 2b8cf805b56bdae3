import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { io, type Socket } from 'socket.io-client';
import type { CommandResult } from '../../src/lib/protocol/live.ts';

export interface Identity {
	/** Cookie header value, e.g. `concerto_session=…`; empty for none. */
	cookie: string;
	/** Origin header; defaults to the server's own origin. */
	origin?: string;
}

/** A ws class that sends our cookie and Origin, as a browser on the page would. */
export function webSocketWith(base: string, who: Identity): new (address: string | URL, protocols?: string | string[]) => WebSocket {
	return class extends WebSocket {
		constructor(address: string | URL, protocols?: string | string[]) {
			const headers: Record<string, string> = { origin: who.origin ?? base };
			if (who.cookie) headers.cookie = who.cookie;
			super(address, protocols, { headers });
		}
	};
}

/** An unmodified y-websocket provider on `/sync/<workshopId>`. */
export function syncClient(base: string, workshopId: string, who: Identity) {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(base.replace(/^http/, 'ws') + '/sync', workshopId, doc, {
		WebSocketPolyfill: webSocketWith(base, who) as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	const synced = new Promise<void>((resolve) => {
		if (provider.synced) resolve();
		else provider.once('sync', (s: boolean) => s && resolve());
	});
	return {
		doc,
		provider,
		synced,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

/** A socket.io client on `/live` for one workshop; `auth`: more of the handshake's `auth` (e.g. `renderedAs`, see LiveAuth). */
export function liveClient(base: string, workshopId: string, who: Identity, auth: Record<string, unknown> = {}): Socket {
	return io(base, {
		path: '/live',
		transports: ['websocket'],
		auth: { ...auth, workshopId },
		extraHeaders: { origin: who.origin ?? base, ...(who.cookie ? { cookie: who.cookie } : {}) },
		reconnection: false
	});
}

export function connected(socket: Socket): Promise<void> {
	return new Promise((resolve, reject) => {
		if (socket.connected) return resolve();
		socket.once('connect', () => resolve());
		socket.once('connect_error', (e) => reject(e));
	});
}

export function send<T>(socket: Socket, event: string, input: unknown, timeoutMs = 10_000): Promise<CommandResult<T>> {
	return socket.timeout(timeoutMs).emitWithAck(event, input) as Promise<CommandResult<T>>;
}

/** Resolves when `predicate` holds, polling; rejects with `what` after `timeoutMs`. */
export async function eventually(predicate: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!predicate()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 10));
	}
}

/** Like `eventually`, for an asynchronous check (an HTTP probe, a metric); polls every 100 ms. */
export async function eventuallyAsync(check: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

/** Opens a raw WebSocket and reports how the upgrade or the connection ended. */
export function rawSync(
	url: string,
	headers: Record<string, string>
): Promise<{ ws: WebSocket; opened: true } | { status: number; opened: false }> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url, { headers });
		ws.once('open', () => resolve({ ws, opened: true }));
		ws.once('unexpected-response', (_req, res) => {
			resolve({ status: res.statusCode ?? 0, opened: false });
			ws.terminate();
		});
		ws.once('error', (e) => reject(e));
	});
}
