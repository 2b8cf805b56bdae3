/**
 * A client worker process: many real y-websocket clients (unmodified WebsocketProvider on the
 * `ws` package) and socket.io clients, driven by the orchestrator over IPC. Several workers
 * share the load so one client process's event loop does not set the latency.
 */
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { io, type Socket } from 'socket.io-client';
import { insertNote, notesOf } from '../src/lib/domain/board/notes.ts';
import { monoNow } from './lib/proc.ts';
import type { CollectReply, ConnectReply, Counters, LiveClientSpec, LiveRunReply, Request, SyncClientSpec, VoteRunReply, WriteReply } from './lib/protocol.ts';

// Each provider adds a process 'exit' listener; hundreds of them are expected here.
process.setMaxListeners(0);
// The orchestrator gone (crash, Ctrl-C): nothing of ours stays behind.
process.on('disconnect', () => process.exit(0));
// Stopped by the orchestrator: exit normally, so that a --cpu-prof profile is written.
process.on('SIGTERM', () => process.exit(0));

const counters: Counters = { messages: 0, bytes: 0, notesSeen: 0, disconnects: 0, duplicates: 0, lastMessageAt: 0 };
const sockets = new Set<WebSocket>();

interface Client {
	spec: SyncClientSpec;
	doc: Y.Doc;
	provider: WebsocketProvider;
	ready: boolean;
}

let clients: Client[] = [];
/** Observer latencies by note tag: ms from the writer's insert to this observer's copy. */
let latencies: number[] = [];
let currentTag = '';
let delivered = 0;

function wsClass(spec: SyncClientSpec) {
	const headers: Record<string, string> = { origin: spec.origin };
	if (spec.cookie) headers.cookie = spec.cookie;
	return class CountingWebSocket extends WebSocket {
		constructor(address: string | URL, protocols?: string | string[]) {
			super(address, protocols, { headers, perMessageDeflate: false });
			sockets.add(this);
			this.on('message', (data: Buffer | ArrayBuffer) => {
				counters.messages++;
				counters.bytes += data instanceof ArrayBuffer ? data.byteLength : data.length;
				counters.lastMessageAt = monoNow();
			});
			this.once('close', () => sockets.delete(this));
		}
	};
}

function openClient(spec: SyncClientSpec): Client {
	const doc = new Y.Doc();
	// No presence: a provider's default awareness state is re-announced every 15 s and fanned
	// out to everyone (N²/15 messages/s). Connections spread over seconds put that wave inside
	// one server's measuring window and not the other's, so the stages measure document
	// updates only (README, "Benchmark").
	const awareness = new Awareness(doc);
	awareness.setLocalState(null);
	const provider = new WebsocketProvider(spec.syncUrl, spec.room, doc, {
		WebSocketPolyfill: wsClass(spec) as unknown as typeof globalThis.WebSocket,
		awareness,
		disableBc: true
	});
	const client: Client = { spec, doc, provider, ready: false };
	provider.on('status', ({ status }: { status: string }) => {
		if (status === 'disconnected' && client.ready) counters.disconnects++;
	});
	if (!spec.writer) {
		const notes = notesOf(doc);
		// Each note counts once per observer; a second event for the same note is counted apart.
		const seen = new Set<string>();
		let seenTag = '';
		notes.observe((event) => {
			const at = monoNow();
			for (const key of event.keysChanged) {
				const text = notes.get(key)?.get('text');
				if (typeof text !== 'string' || !text.startsWith('bench ')) continue;
				const [, tag, sentAt] = text.split(' ');
				counters.notesSeen++;
				if (tag !== currentTag) continue;
				if (seenTag !== tag) {
					seen.clear();
					seenTag = tag;
				}
				if (seen.has(key)) {
					counters.duplicates++;
					continue;
				}
				seen.add(key);
				latencies.push(at - Number(sentAt));
				delivered++;
			}
		});
	}
	return client;
}

function whenSynced(client: Client, timeoutMs: number, extra: () => boolean = () => true): Promise<void> {
	return new Promise((resolve, reject) => {
		const check = () => {
			if (client.provider.synced && extra()) {
				clearTimeout(timer);
				client.provider.off('sync', check);
				client.doc.off('update', check);
				resolve();
			}
		};
		const timer = setTimeout(() => {
			client.provider.off('sync', check);
			client.doc.off('update', check);
			reject(new Error(`not synced within ${timeoutMs} ms`));
		}, timeoutMs);
		client.provider.on('sync', check);
		client.doc.on('update', check);
		check();
	});
}

async function pool<T>(items: T[], concurrency: number, run: (item: T, i: number) => Promise<void>): Promise<void> {
	let next = 0;
	const lanes = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
		while (next < items.length) {
			const i = next++;
			await run(items[i], i);
		}
	});
	await Promise.all(lanes);
}

async function connect(specs: SyncClientSpec[], concurrency: number, timeoutMs: number): Promise<ConnectReply> {
	const start = monoNow();
	const errors: string[] = [];
	let failed = 0;
	await pool(specs, concurrency, async (spec) => {
		const client = openClient(spec);
		clients.push(client);
		try {
			await whenSynced(client, timeoutMs);
			client.ready = true;
		} catch (e) {
			failed++;
			if (errors.length < 5) errors.push((e as Error).message);
		}
	});
	return { connected: specs.length - failed, failed, errors, ms: monoNow() - start };
}

const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - monoNow())));

async function write(tag: string, count: number, rate: number, startAt: number): Promise<WriteReply> {
	currentTag = tag;
	const writers = clients.filter((c) => c.spec.writer);
	const interval = 1000 / rate;
	const late: number[] = [];
	let written = 0;
	let firstAt = Infinity;
	let lastAt = 0;
	await Promise.all(
		writers.map(async (w, wi) => {
			// Writers of one worker are spread over the interval so their notes do not collide.
			const phase = (wi / Math.max(1, writers.length)) * interval;
			for (let i = 0; i < count; i++) {
				const due = startAt + phase + i * interval;
				await sleepUntil(due);
				const sentAt = monoNow();
				late.push(sentAt - due);
				insertNote(w.doc, {
					id: `${tag}-${wi}-${i}-${w.doc.clientID}`,
					text: `bench ${tag} ${sentAt.toFixed(3)}`,
					x: (i * 37) % 4000,
					y: (i * 53) % 3000,
					color: 'yellow',
					authorId: 'bench',
					authorCategory: 'facilitator',
					createdAt: Date.now(),
					updatedAt: Date.now()
				});
				written++;
				firstAt = Math.min(firstAt, sentAt);
				lastAt = Math.max(lastAt, sentAt);
			}
		})
	);
	late.sort((a, b) => a - b);
	return { written, firstAt, lastAt, lateP99: late.length ? late[Math.ceil(late.length * 0.99) - 1] : 0 };
}

function collect(tag: string): CollectReply {
	const out: CollectReply = {
		latencies: tag === currentTag ? latencies : [],
		delivered: tag === currentTag ? delivered : 0,
		observers: clients.filter((c) => !c.spec.writer).length
	};
	latencies = [];
	delivered = 0;
	return out;
}

async function closeAll(list: Client[]): Promise<void> {
	const closing: WebSocket[] = [];
	for (const c of list) {
		c.ready = false;
		if (c.provider.ws) closing.push(c.provider.ws as unknown as WebSocket);
		c.provider.destroy();
		c.doc.destroy();
	}
	// Wait for the close handshakes, so the server has let go before the next measurement.
	const end = monoNow() + 5000;
	while (closing.some((ws) => sockets.has(ws)) && monoNow() < end) await new Promise((r) => setTimeout(r, 20));
	for (const ws of closing) if (sockets.has(ws)) ws.terminate();
}

let seedClient: Client | null = null;

async function seed(spec: SyncClientSpec, count: number, batch: number): Promise<number> {
	const client = openClient({ ...spec, writer: true });
	seedClient = client;
	await whenSynced(client, 30_000);
	client.ready = true;
	const start = monoNow();
	for (let i = 0; i < count; i += batch) {
		client.doc.transact(() => {
			for (let j = i; j < Math.min(count, i + batch); j++) {
				insertNote(client.doc, {
					id: `seed-${j}`,
					text: `Idée ${j} : ouvrir la mairie annexe le samedi matin et rappeler les usagers qui ont écrit`,
					x: (j * 37) % 4000,
					y: (j * 53) % 3000,
					color: 'yellow',
					authorId: 'bench',
					authorCategory: 'facilitator',
					createdAt: 1_700_000_000_000 + j,
					updatedAt: 1_700_000_000_000 + j
				});
			}
		});
		// Stay under the per-connection message rate of the sync server.
		await new Promise((r) => setTimeout(r, 50));
	}
	return monoNow() - start;
}

async function syncTime(spec: SyncClientSpec, expect: number, timeoutMs: number): Promise<{ ms: number; bytes: number }> {
	const bytesBefore = counters.bytes;
	const start = monoNow();
	const client = openClient({ ...spec, writer: true });
	try {
		await whenSynced(client, timeoutMs, () => notesOf(client.doc).size >= expect);
		return { ms: monoNow() - start, bytes: counters.bytes - bytesBefore };
	} finally {
		await closeAll([client]);
	}
}

/** Connects a fresh client and counts the notes whose id starts with `prefix` (waits for `expect`). */
async function countPrefix(spec: SyncClientSpec, prefix: string, expect: number, timeoutMs: number): Promise<number> {
	const client = openClient({ ...spec, writer: true });
	const count = () => [...notesOf(client.doc).keys()].filter((k) => k.startsWith(prefix)).length;
	try {
		await whenSynced(client, timeoutMs, () => count() >= expect).catch(() => {});
		return count();
	} finally {
		await closeAll([client]);
	}
}

let liveSockets: Socket[] = [];

async function liveConnect(specs: LiveClientSpec[], concurrency: number, timeoutMs: number): Promise<ConnectReply> {
	const start = monoNow();
	const errors: string[] = [];
	let failed = 0;
	await pool(specs, concurrency, async (spec) => {
		const socket = io(spec.base, {
			path: '/live',
			transports: ['websocket'],
			auth: { workshopId: spec.workshopId },
			extraHeaders: { origin: spec.base, cookie: spec.cookie },
			reconnection: false,
			timeout: timeoutMs
		});
		liveSockets.push(socket);
		try {
			await new Promise<void>((resolve, reject) => {
				socket.once('connect', () => resolve());
				socket.once('connect_error', (e) => reject(e));
			});
		} catch (e) {
			failed++;
			if (errors.length < 5) errors.push((e as Error).message);
		}
	});
	return { connected: specs.length - failed, failed, errors, ms: monoNow() - start };
}

async function liveRun(tag: string, durationMs: number, perSecond: number, startAt: number, worker: string): Promise<LiveRunReply> {
	const reply: LiveRunReply = { sent: 0, ok: 0, errors: {}, ackMs: [], ackAt: [], noteIds: [] };
	const end = startAt + durationMs;
	const one = async (socket: Socket, id: string) => {
		const t0 = monoNow();
		reply.sent++;
		try {
			const res = (await socket.timeout(15_000).emitWithAck('note.add', { commandId: id, text: `Proposition ${id}` })) as {
				ok: boolean;
				error?: { code: string };
			};
			const at = monoNow();
			reply.ackMs.push(at - t0);
			if (res.ok) {
				reply.ok++;
				reply.ackAt.push(at);
				reply.noteIds.push(id);
			} else {
				const code = res.error?.code ?? 'unknown';
				reply.errors[code] = (reply.errors[code] ?? 0) + 1;
			}
		} catch {
			reply.errors.timeout = (reply.errors.timeout ?? 0) + 1;
		}
	};
	await Promise.all(
		liveSockets
			.filter((s) => s.connected)
			.map(async (socket, si) => {
				const pending: Promise<void>[] = [];
				if (perSecond > 0) {
					const interval = 1000 / perSecond;
					const phase = Math.random() * interval;
					for (let k = 0; startAt + phase + k * interval < end; k++) {
						await sleepUntil(startAt + phase + k * interval);
						pending.push(one(socket, `${tag}-${worker}-${si}-${k}`));
					}
				} else {
					await sleepUntil(startAt);
					for (let k = 0; monoNow() < end && k < 100_000; k++) await one(socket, `${tag}-${worker}-${si}-${k}`);
				}
				await Promise.all(pending);
			})
	);
	return reply;
}

/**
 * The vote stage: every connected socket is a voter keeping one `vote.set` in flight (closed
 * loop) until `durationMs` is over. A voter walks the items from its own offset: an item it has
 * dots on is withdrawn (0), otherwise it gets 1–3 dots within the budget and the cap, or, the
 * budget spent, the oldest item of the ballot is withdrawn. So every command is valid and the
 * ballot each voter ends with is known from its acknowledged commands alone.
 */
async function voteRun(tag: string, durationMs: number, startAt: number, itemIds: string[], budget: number, cap: number, worker: string): Promise<VoteRunReply> {
	const voters = liveSockets.filter((s) => s.connected);
	const reply: VoteRunReply = { voters: voters.length, sent: 0, ok: 0, errors: {}, ackMs: [], lastAckAt: 0, fullBallotMs: [], expected: {}, votersWithDots: 0, uncertain: 0 };
	const end = startAt + durationMs;
	const count = (code: string) => (reply.errors[code] = (reply.errors[code] ?? 0) + 1);
	type Ack = { ok: true; value: { itemId: string; dots: number; left: number } } | { ok: false; error?: { code: string } };
	// A command whose outcome is unknown (no answer, or the database away) is sent again with
	// the same commandId: the server applies it once and answers its first result.
	const send = async (socket: Socket, commandId: string, itemId: string, dots: number): Promise<Ack | null> => {
		for (let attempt = 0; attempt < 2; attempt++) {
			try {
				const res = (await socket.timeout(15_000).emitWithAck('vote.set', { commandId, itemId, dots })) as Ack;
				if (res.ok || res.error?.code !== 'unavailable' || attempt === 1) return res;
				count('unavailable');
			} catch {
				count('timeout');
			}
		}
		return null;
	};
	await Promise.all(
		voters.map(async (socket, vi) => {
			const ballot = new Map<string, number>();
			const offset = Math.floor(Math.random() * itemIds.length);
			let full = false;
			await sleepUntil(startAt);
			for (let k = 0; monoNow() < end; k++) {
				const itemId = itemIds[(offset + k) % itemIds.length];
				const spent = [...ballot.values()].reduce((a, b) => a + b, 0);
				let target = itemId;
				let dots = 0;
				if (!ballot.has(itemId)) {
					dots = Math.min(cap, budget - spent, 1 + ((offset + k) % 3));
					if (dots < 1) [target, dots] = [ballot.keys().next().value as string, 0];
				}
				const t0 = monoNow();
				reply.sent++;
				const res = await send(socket, `${tag}-${worker}-${vi}-${k}`, target, dots);
				const at = monoNow();
				if (res === null) {
					reply.uncertain++;
					return;
				}
				reply.ackMs.push(at - t0);
				reply.lastAckAt = Math.max(reply.lastAckAt, at);
				if (!res.ok) {
					count(res.error?.code ?? 'unknown');
					if (res.error?.code === 'unavailable' || res.error?.code === 'internal') {
						reply.uncertain++;
						return;
					}
					continue;
				}
				reply.ok++;
				if (dots === 0) ballot.delete(target);
				else ballot.set(target, dots);
				if (!full && res.value.left === 0) {
					full = true;
					reply.fullBallotMs.push(at - startAt);
				}
			}
			for (const [itemId, dots] of ballot) reply.expected[itemId] = (reply.expected[itemId] ?? 0) + dots;
			if (ballot.size > 0) reply.votersWithDots++;
		})
	);
	return reply;
}

async function handle(req: Request): Promise<unknown> {
	switch (req.op) {
		case 'connect':
			return connect(req.clients, req.concurrency, req.timeoutMs);
		case 'counters':
			return { ...counters, delivered };
		case 'countPrefix':
			return countPrefix(req.client, req.prefix, req.expect, req.timeoutMs);
		case 'write':
			return write(req.tag, req.count, req.rate, req.startAt);
		case 'collect':
			return collect(req.tag);
		case 'closeAll': {
			const list = clients;
			clients = [];
			await closeAll(list);
			return null;
		}
		case 'seed':
			return seed(req.client, req.count, req.batch);
		case 'unseed':
			if (seedClient) await closeAll([seedClient]);
			seedClient = null;
			return null;
		case 'syncTime':
			return syncTime(req.client, req.expect, req.timeoutMs);
		case 'liveConnect':
			return liveConnect(req.clients, req.concurrency, req.timeoutMs);
		case 'liveRun':
			return liveRun(req.tag, req.durationMs, req.perSecond, req.startAt, String(process.pid));
		case 'voteRun':
			return voteRun(req.tag, req.durationMs, req.startAt, req.itemIds, req.dots, req.cap, String(process.pid));
		case 'liveClose':
			for (const s of liveSockets) s.disconnect();
			liveSockets = [];
			return null;
	}
}

process.on('message', (msg: { id: number; req: Request }) => {
	handle(msg.req).then(
		(value) => process.send!({ id: msg.id, ok: true, value }),
		(e: Error) => process.send!({ id: msg.id, ok: false, error: e.message })
	);
});
process.send!({ id: 0, ok: true, value: 'ready' });
