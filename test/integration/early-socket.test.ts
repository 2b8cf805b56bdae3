import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { syncClient, eventually, webSocketWith } from '../helpers/clients.ts';
import { createWorkshop, joinAs, signUp } from '../helpers/http.ts';
import { insertNote, readNotes } from '../../src/lib/domain/board/notes.ts';
import { openEarly, takeParked, type ParkedSocket } from '../../src/lib/sync/early-socket.ts';
import { PARKED_SYNC_KEY } from '../../src/lib/sync/early-sync-script.ts';

/**
 * A phone's sync socket is opened while its first state is still on the way (src/lib/sync/
 * early-socket.ts) and handed to an unmodified y-websocket provider once the state is applied:
 * the handshake is off the critical path, and the sync still carries only what changed since.
 */
let server: RunningServer;
let facilitator: string;
let workshopId: string;
let joinCode: string;
const NOTES = 300;

beforeAll(async () => {
	server = await startServer();
	facilitator = await signUp(server.url);
	({ id: workshopId, joinCode } = await createWorkshop(server.url, facilitator, 'Un guichet unique'));
	const editor = syncClient(server.url, workshopId, { cookie: facilitator });
	await editor.synced;
	editor.doc.transact(() => {
		for (let i = 0; i < NOTES; i++) insertNote(editor.doc, note(`seed-${i}`, `Idée n° ${i} : un seul guichet pour les démarches de la famille`));
	});
	const check = syncClient(server.url, workshopId, { cookie: facilitator });
	await check.synced;
	await eventually(() => readNotes(check.doc).length === NOTES, 'the server holds the seeded notes', 15_000);
	check.destroy();
	editor.destroy();
});
afterAll(async () => {
	await server?.kill();
	if (server) removeDir(server.dataDir);
});

function note(id: string, text: string) {
	return { id, text, x: 10, y: 10, color: 'yellow' as const, authorId: 'p', authorCategory: 'usager' as const, createdAt: Date.now(), updatedAt: Date.now() };
}

/** An early sync socket over `ws` (a phone's, with a participant's cookie), recording every socket it opens and the size of each message received. */
function phoneSockets(cookie: string) {
	const Socket = webSocketWith(server.url, { cookie });
	const opened: WebSocket[] = [];
	const received: number[] = [];
	const early = openEarly(`${server.url.replace(/^http/, 'ws')}/sync/${workshopId}`, (url) => {
		const ws = new Socket(url);
		ws.on('message', (data: ArrayBuffer) => received.push(data.byteLength));
		opened.push(ws);
		return ws as unknown as globalThis.WebSocket;
	});
	return { early, opened, received };
}

async function firstState(cookie: string): Promise<Uint8Array> {
	const res = await fetch(`${server.url}/sync/${workshopId}/state`, { headers: { cookie, 'sec-fetch-site': 'same-origin' } });
	expect(res.status).toBe(200);
	return new Uint8Array(await res.arrayBuffer());
}

function provide(doc: Y.Doc, Socket: typeof globalThis.WebSocket) {
	const provider = new WebsocketProvider(`${server.url.replace(/^http/, 'ws')}/sync`, workshopId, doc, { WebSocketPolyfill: Socket, disableBc: true });
	const synced = new Promise<void>((resolve) => provider.once('sync', (s: boolean) => s && resolve()));
	return { provider, synced };
}

const opened = (ws: WebSocket) => new Promise<void>((resolve, reject) => (ws.readyState === WebSocket.OPEN ? resolve() : (ws.once('open', () => resolve()), ws.once('error', reject))));

describe("a phone's sync socket opened before its first state", () => {
	test('the provider takes the open socket: one socket, and its sync carries only what changed since the state', async () => {
		const phone = await joinAs(server.url, joinCode, 'Nadia', 'usager');
		const { early, opened: sockets, received } = phoneSockets(phone);
		await opened(sockets[0]);
		// The server speaks first (its sync step 1): held until the provider is there.
		await eventually(() => received.length > 0, 'the server’s first message on the early socket', 10_000);

		const doc = new Y.Doc();
		const state = await firstState(phone);
		Y.applyUpdateV2(doc, state);
		expect(readNotes(doc)).toHaveLength(NOTES);
		const before = received.length;
		const { provider, synced } = provide(doc, early.Socket);
		await synced;

		expect(sockets, 'sockets opened').toHaveLength(1);
		expect(provider.wsconnected).toBe(true);
		// Everything since the state: nothing (the whole board would be tens of kilobytes).
		const sinceAdoption = received.slice(before);
		expect(Math.max(...sinceAdoption), 'largest sync message after the state, bytes').toBeLessThan(1024);
		expect(state.length, 'the state itself, bytes (gzip-decoded by fetch)').toBeGreaterThan(10 * 1024);

		// And it lives on: a later edit by the facilitator arrives.
		const editor = syncClient(server.url, workshopId, { cookie: facilitator });
		await editor.synced;
		insertNote(editor.doc, note('after-adoption', 'Un rendez-vous en visio'));
		await eventually(() => readNotes(doc).some((n) => n.id === 'after-adoption'), 'the edit made after the adoption', 10_000);
		editor.destroy();
		provider.destroy();
	});

	test('what the server said before the provider came is not lost: a change written meanwhile reaches the board', async () => {
		// A writer's socket (a phone's is read-only: its notes go as commands on the live channel).
		const { early, opened: sockets, received } = phoneSockets(facilitator);
		await opened(sockets[0]);
		await eventually(() => received.length > 0, 'the server’s first message on the early socket', 10_000);
		// Written before the socket syncs: y-websocket sends it only in answer to the server's
		// sync step 1, which came before the provider and was held for it.
		const doc = new Y.Doc();
		Y.applyUpdateV2(doc, await firstState(facilitator));
		insertNote(doc, note('written-while-connecting', 'Des horaires le samedi'));
		const { provider, synced } = provide(doc, early.Socket);
		await synced;

		const other = syncClient(server.url, workshopId, { cookie: facilitator });
		await other.synced;
		await eventually(() => readNotes(other.doc).some((n) => n.id === 'written-while-connecting'), 'the note written while connecting, on the board', 10_000);
		other.destroy();
		provider.destroy();
	});

	test('an early socket closed before the provider came is replaced: the provider opens another and syncs', async () => {
		const phone = await joinAs(server.url, joinCode, 'Lise', 'usager');
		const { early, opened: sockets } = phoneSockets(phone);
		await opened(sockets[0]);
		const closed = new Promise((resolve) => sockets[0].once('close', resolve));
		sockets[0].close();
		await closed;

		const doc = new Y.Doc();
		const { provider, synced } = provide(doc, early.Socket);
		await synced;
		expect(sockets, 'sockets opened').toHaveLength(2);
		expect(readNotes(doc).length).toBeGreaterThanOrEqual(NOTES);
		provider.destroy();
	});

	test('the socket the head script parked (with what the server said to it) is the one taken; one for another board is closed', async () => {
		const phone = await joinAs(server.url, joinCode, 'Inès', 'usager');
		const url = `${server.url.replace(/^http/, 'ws')}/sync/${workshopId}`;
		const Socket = webSocketWith(server.url, { cookie: phone });
		// As the head script leaves it on `window`: open, its messages held by its own handler.
		const park = (at: string): ParkedSocket => {
			const ws = new Socket(at) as unknown as globalThis.WebSocket;
			ws.binaryType = 'arraybuffer';
			const held: MessageEvent[] = [];
			ws.onmessage = (e) => held.push(e);
			ws.onerror = () => {};
			return { url: at, ws, held };
		};
		const stranger = park(`${server.url.replace(/^http/, 'ws')}/sync/aaaaaaaaaaaaaaaa`);
		const strangerClosed = new Promise((resolve) => (stranger.ws as unknown as WebSocket).once('close', resolve));
		const page: Record<string, unknown> = { [PARKED_SYNC_KEY]: stranger };
		expect(takeParked(url, page)).toBeUndefined();
		expect(page[PARKED_SYNC_KEY]).toBeUndefined();
		await strangerClosed;

		const parked = park(url);
		await opened(parked.ws as unknown as WebSocket);
		await eventually(() => parked.held.length > 0, 'the server’s first message, held by the head script’s handler', 10_000);
		page[PARKED_SYNC_KEY] = parked;
		const created: string[] = [];
		const early = openEarly(url, (u) => (created.push(u), new Socket(u) as unknown as globalThis.WebSocket), takeParked(url, page));
		expect(page[PARKED_SYNC_KEY], 'taken once').toBeUndefined();

		const doc = new Y.Doc();
		Y.applyUpdateV2(doc, await firstState(phone));
		const { provider, synced } = provide(doc, early.Socket);
		await synced;
		expect(created, 'sockets opened besides the parked one').toEqual([]);
		expect(provider.wsconnected).toBe(true);
		provider.destroy();
	});

	test('a page gone before its state came closes its early socket', async () => {
		const phone = await joinAs(server.url, joinCode, 'Marc', 'usager');
		const { early, opened: sockets } = phoneSockets(phone);
		await opened(sockets[0]);
		const closed = new Promise((resolve) => sockets[0].once('close', resolve));
		early.discard();
		await closed;
		expect(sockets[0].readyState).toBe(WebSocket.CLOSED);
	});
});
