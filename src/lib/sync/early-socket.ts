/**
 * A sync socket opened ahead of its provider. A phone's page waits for the board's first state
 * (over HTTP) before its socket syncs, so that the sync carries only what changed since; but
 * opening a socket costs a round trip or two (150 ms each on a slow mobile network), and
 * waiting for the state before even starting that handshake put it on the critical path. The
 * page opens the socket at once, keeps whatever the server says meanwhile, and hands the open
 * socket to the provider once the state is applied: the provider then sees an ordinary socket
 * that opens at once and delivers the held messages in order, and sends its first sync with
 * the state already in the document.
 *
 * The page's inline head script may have opened it already, before any module ran
 * (early-sync-script.ts): then that socket, parked on `window` with the messages it got, is taken.
 *
 * `openEarly(url)` opens the socket (or takes the parked one) and returns a constructor for the provider's
 * `WebSocketPolyfill` option (its first construction adopts the early socket, any later one, a
 * reconnection, is a plain new WebSocket) and `discard()`, which closes the early socket if no
 * provider took it (the page went before its state came).
 */

import { PARKED_SYNC_KEY } from './early-sync-script';

/** What y-websocket's provider uses of a WebSocket. */
type SocketLike = Pick<WebSocket, 'send' | 'close' | 'readyState' | 'binaryType' | 'onopen' | 'onmessage' | 'onclose' | 'onerror'>;

const OPEN = 1;
const CLOSED = 3;

/** A close the provider did not see happen (1006: closed abnormally); it reconnects as after any. */
const abnormalClose = (): CloseEvent =>
	// Node (the tests' provider) has no CloseEvent before version 23.
	typeof CloseEvent === 'function' ? new CloseEvent('close', { code: 1006 }) : (Object.assign(new Event('close'), { code: 1006, reason: '', wasClean: false }) as CloseEvent);

export interface EarlySocket {
	Socket: typeof WebSocket;
	discard(): void;
}

/** A socket the head script opened: its URL, and what the server said to it so far. */
export interface ParkedSocket {
	url: string;
	ws: WebSocket;
	held: MessageEvent[];
}

/** The socket the head script parked, if it is this URL's (another one is closed: not ours to keep). */
export function takeParked(url: string, from: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): ParkedSocket | undefined {
	const parked = from[PARKED_SYNC_KEY] as ParkedSocket | undefined;
	if (!parked) return undefined;
	delete from[PARKED_SYNC_KEY];
	if (parked.url === url) return parked;
	parked.ws.close();
	return undefined;
}

export function openEarly(url: string, create: (url: string) => WebSocket = (u) => new WebSocket(u), parked: ParkedSocket | undefined = takeParked(url)): EarlySocket {
	let early: WebSocket | null = parked?.ws ?? create(url);
	early.binaryType = 'arraybuffer';
	const held: MessageEvent[] = parked?.held ?? [];
	early.onmessage = (event) => held.push(event);
	// Nobody listens yet: a failure shows as the socket's state when it is adopted.
	early.onerror = () => {};

	class AdoptingSocket implements SocketLike {
		static readonly CONNECTING = 0;
		static readonly OPEN = 1;
		static readonly CLOSING = 2;
		static readonly CLOSED = 3;
		readonly CONNECTING = 0;
		readonly OPEN = 1;
		readonly CLOSING = 2;
		readonly CLOSED = 3;
		onopen: WebSocket['onopen'] = null;
		onmessage: WebSocket['onmessage'] = null;
		onclose: WebSocket['onclose'] = null;
		onerror: WebSocket['onerror'] = null;
		readonly #ws: WebSocket;

		constructor(target: string | URL) {
			const adopted = early;
			early = null;
			const ws = (this.#ws = adopted ?? create(String(target)));
			ws.binaryType = 'arraybuffer';
			ws.onerror = (event) => this.onerror?.call(ws, event);
			ws.onclose = (event) => this.onclose?.call(ws, event);
			const live = (message: MessageEvent) => this.onmessage?.call(ws, message);
			if (!adopted) {
				// A reconnection: an ordinary socket (what the early one held is not its own).
				ws.onopen = (event) => this.onopen?.call(ws, event);
				ws.onmessage = live;
				return;
			}
			// What the server said before the provider was there, in order, then live.
			const announce = (event: Event): void => {
				this.onopen?.call(ws, event);
				for (const message of held.splice(0)) live(message);
				ws.onmessage = live;
			};
			// The provider sets its handlers right after constructing: tell it what it missed then.
			if (ws.readyState === OPEN) queueMicrotask(() => announce(new Event('open')));
			else if (ws.readyState === CLOSED) queueMicrotask(() => this.onclose?.call(ws, abnormalClose()));
			else ws.onopen = announce;
		}

		get readyState(): number {
			return this.#ws.readyState;
		}
		get binaryType(): BinaryType {
			return this.#ws.binaryType;
		}
		set binaryType(type: BinaryType) {
			this.#ws.binaryType = type;
		}
		send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
			this.#ws.send(data);
		}
		close(code?: number, reason?: string): void {
			this.#ws.close(code, reason);
		}
	}
	return {
		Socket: AdoptingSocket as unknown as typeof WebSocket,
		discard() {
			early?.close();
			early = null;
		}
	};
}
