import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, expect, test } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { binaryFrame } from './ws-connection.ts';

/**
 * A room's message is framed once and written straight to each socket (ws-connection.ts): a real
 * ws client must read it as the same binary message, whatever its length's encoding (7, 16 or
 * 64 bits), and in its place among frames ws sends itself.
 */
let http: Server;
let wire: Promise<{ ws: WebSocket; socket: Duplex }>;
let client: WebSocket;
const received: Buffer[] = [];

beforeAll(async () => {
	http = createServer();
	const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
	wire = new Promise((resolve) => http.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => resolve({ ws, socket }))));
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	client = new WebSocket(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`, { perMessageDeflate: false });
	client.on('message', (data: Buffer, isBinary: boolean) => {
		expect(isBinary).toBe(true);
		received.push(data);
	});
	await new Promise((resolve) => client.once('open', resolve));
});

afterAll(() => {
	client?.terminate();
	http?.close();
});

test('frames of every length arrive whole, in order with what ws sends itself', async () => {
	const { ws, socket } = await wire;
	const payloads = [0, 1, 125, 126, 65_535, 65_536, 200_000].map((n) => Buffer.alloc(n, n % 251));
	const sent: Buffer[] = [];
	payloads.forEach((p, i) => {
		socket.write(binaryFrame(p));
		sent.push(p);
		// Between them, a frame of ws's own: the order must hold.
		const own = Buffer.from(`own ${i}`);
		ws.send(own);
		sent.push(own);
	});
	await expect.poll(() => received.length, { timeout: 10_000 }).toBe(sent.length);
	expect(received.map((b) => b.length)).toEqual(sent.map((b) => b.length));
	received.forEach((b, i) => expect(b.equals(sent[i])).toBe(true));
});
