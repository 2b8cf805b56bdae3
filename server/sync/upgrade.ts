import type { IncomingMessage, ServerResponse } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { firstState } from './first-state.ts';
import { findReadOnlyPast } from '../db/repositories/read-only-writes.ts';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Db } from '../db/db.ts';
import type { Log } from '../log.ts';
import type { Config } from '../config.ts';
import type { Rooms } from './rooms.ts';
import type { Actor } from '../auth/actor.ts';
import { originAllowed } from '../origin.ts';
import { resolveActor } from '../auth/actor.ts';
import { findWorkshop } from '../db/repositories/workshops.ts';
import { syncAccess } from '../../src/lib/domain/permissions/roles.ts';
import { serveConnection } from './ws-connection.ts';
import { RateLimiter } from '../limits/rate-limiter.ts';
import type { Limits } from '../limits/shared-limiter.ts';
import { tooManyConnections } from '../limits/connection-allowance.ts';
import { perSecond } from '../../src/lib/domain/limits/token-bucket.ts';

export const SYNC_PREFIX = '/sync/';
const WORKSHOP_ID = /^[a-z2-7]{16}$/;
const FIRST_STATE = /^\/sync\/([^/]+)\/state$/;

export interface SyncServer {
	/** Answers `GET /sync/<id>/state` (the document as one gzip update in Yjs's second format, for a phone's first load); false for other requests. */
	serveFirstState(req: IncomingMessage, res: ServerResponse): boolean;
	/** Handles an HTTP upgrade if it is for `/sync/…`; returns false to let others take it. */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	close(): void;
	connections(): number;
	/**
	 * Closes this process's connections to `workshopId` whose actor matches. Trust is decided
	 * once per connection, so when a role changes or a session ends the connection must go:
	 * a client that reconnects passes the gate again with its new rights (or is refused).
	 */
	closeWhere(workshopId: string, match: (actor: Actor) => boolean, code: number, reason: string): number;
}

/** Why the gate says no, as an HTTP answer. */
interface Refusal {
	status: number;
	text: string;
	reason: string;
	retryAfterS?: number;
}

/**
 * The gate: origin, workshop, session, role — then one read-only flag for the connection's
 * whole life. Refusals are plain HTTP answers before the handshake, each logged on one line.
 */
export function createSyncServer(deps: { db: Db; rooms: Rooms; config: Config; log: Log; limits: Pick<Limits, 'connections'>; onMessage?: () => void }): SyncServer {
	const { db, rooms, config, log, limits } = deps;
	const limiter = new RateLimiter(perSecond(config.syncMessagesPerSecond));
	const actors = new Map<WebSocket, { workshopId: string; actor: Actor }>();
	// Compression stays off: with permessage-deflate on (large messages only), 20 editors at once
	// stopped converging in convergence.test.ts, cause not yet found. It would shrink a 1,000-note
	// first sync sevenfold (260 kB -> 36 kB) for phones on slow networks: worth finding out why.
	const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxMessageBytes, perMessageDeflate: false });

	function refuse(socket: Duplex, refusal: Refusal, req: IncomingMessage): void {
		const { status, text, reason, retryAfterS } = refusal;
		log.warn({ url: req.url, status, reason }, 'sync upgrade refused');
		const retry = retryAfterS ? `Retry-After: ${retryAfterS}\r\n` : '';
		socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: text/plain\r\n${retry}Connection: close\r\n\r\n${reason}\n`);
	}

	/** Who may open the workshop's document, and how: the same answer for the socket and for the first state. */
	async function admit(
		req: IncomingMessage,
		workshopId: string
	): Promise<{ refused: Refusal } | { actor: Actor; access: 'read' | 'write' }> {
		const no = (status: number, text: string, reason: string, retryAfterS?: number) => ({ refused: { status, text, reason, retryAfterS } });
		if (!originAllowed(req, config.origin)) return no(403, 'Forbidden', 'origin not allowed');
		// Before any read: a script opening sockets by the thousand is held to its address's allowance.
		const over = await tooManyConnections(limits, req, config.clientAddress);
		if (over) return no(429, 'Too Many Requests', over.message, over.retryAfterS);
		const found = WORKSHOP_ID.test(workshopId) ? await findWorkshop(db, workshopId) : null;
		if (!found) return no(404, 'Not Found', 'unknown workshop');
		// An archive is read-only and has no board document.
		if (found.status === 'archived') return no(403, 'Forbidden', 'archived workshop: read-only');
		const resolved = await resolveActor(db, workshopId, req.headers.cookie, new Date(), config.sessionDays);
		if ('refusal' in resolved) {
			const status = resolved.refusal === 'forbidden' ? 403 : 401;
			return no(status, status === 403 ? 'Forbidden' : 'Unauthorized', resolved.refusal);
		}
		const access = syncAccess(resolved.actor.role);
		if (!access) return no(403, 'Forbidden', 'role has no sync access');
		return { actor: resolved.actor, access };
	}

	async function gate(req: IncomingMessage, socket: Duplex, head: Buffer, workshopId: string): Promise<void> {
		const admitted = await admit(req, workshopId);
		if ('refused' in admitted) return refuse(socket, admitted.refused, req);
		const { actor, access } = admitted;
		if (socket.destroyed) return;
		// A writable connection is checked against what this person's read-only connections tried
		// to write, on any instance and in the room's earlier lives (stored in the database).
		const past = access === 'read' ? null : await findReadOnlyPast(db, workshopId, actor.id);
		const room = await rooms.acquire(workshopId);
		if (past) room.restoreReadOnlyPast(actor.id, past);
		if (socket.destroyed) return rooms.release(room);
		wss.handleUpgrade(req, socket, head, (ws) => {
			// Per person on this instance: a participant's many connections share one allowance.
			const key = `${workshopId}:${actor.id}`;
			const options = {
				readOnly: access === 'read',
				actor: actor,
				log,
				onMessage: deps.onMessage,
				rateCheck: () => limiter.check(key)
			};
			actors.set(ws, { workshopId, actor: actor });
			serveConnection(ws, socket, room, options, () => {
				actors.delete(ws);
				rooms.release(room);
			});
		});
	}

	return {
		serveFirstState(req, res) {
			const match = FIRST_STATE.exec((req.url ?? '').split('?')[0]);
			if (!match || req.method !== 'GET') return false;
			const workshopId = match[1];
			admit(req, workshopId)
				.then(async (admitted) => {
					if ('refused' in admitted) {
						log.warn({ url: req.url, status: admitted.refused.status, reason: admitted.refused.reason }, 'first state refused');
						const { status, reason, retryAfterS } = admitted.refused;
						res.writeHead(status, { 'content-type': 'text/plain', ...(retryAfterS ? { 'retry-after': String(retryAfterS) } : {}) }).end(`${reason}\n`);
						return;
					}
					const gzipped = await rooms.with(workshopId, (room) => firstState(room.doc));
					// Every browser takes gzip; another client gets the update as it is.
					const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
					const state = gzip ? gzipped : gunzipSync(gzipped);
					res.writeHead(200, {
						'content-type': 'application/octet-stream',
						...(gzip ? { 'content-encoding': 'gzip' } : {}),
						'content-length': state.length,
						vary: 'accept-encoding, cookie',
						// Per person and per moment: never kept by a cache on the way.
						'cache-control': 'no-store'
					}).end(state);
				})
				.catch((e: Error) => {
					log.error({ url: req.url, err: e.message }, 'first state failed');
					if (!res.headersSent) res.writeHead(503, { 'content-type': 'text/plain' }).end('try again later\n');
				});
			return true;
		},
		handleUpgrade(req, socket, head) {
			const path = (req.url ?? '').split('?')[0];
			if (!path.startsWith(SYNC_PREFIX)) return false;
			const workshopId = path.slice(SYNC_PREFIX.length);
			socket.on('error', () => socket.destroy());
			gate(req, socket, head, workshopId).catch((e: Error) => {
				log.error({ url: req.url, err: e.message }, 'sync upgrade failed');
				if (!socket.destroyed) refuse(socket, { status: 503, text: 'Service Unavailable', reason: 'try again later' }, req);
			});
			return true;
		},
		close() {
			for (const ws of wss.clients) ws.close(1001, 'server shutting down');
			wss.close();
		},
		connections: () => wss.clients.size,
		closeWhere(workshopId, match, code, reason) {
			let closed = 0;
			for (const [ws, who] of actors) {
				if (who.workshopId !== workshopId || !match(who.actor)) continue;
				ws.close(code, reason);
				closed++;
			}
			if (closed > 0) log.info({ workshopId, closed, reason }, 'sync connections closed');
			return closed;
		}
	};
}
