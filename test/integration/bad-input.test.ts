import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type WebSocket from 'ws';
import { startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { syncClient, eventually, rawSync } from '../helpers/clients.ts';
import { createWorkshop, signUp } from '../helpers/http.ts';
import { insertNote, readNotes } from '../../src/lib/domain/board/notes.ts';

const LIMIT = 64 * 1024;
let server: RunningServer;
let cookie: string;
let workshopId: string;

beforeAll(async () => {
	server = await startServer({ env: { CONCERTO_MAX_MESSAGE_BYTES: String(LIMIT) } });
	cookie = await signUp(server.url);
	workshopId = (await createWorkshop(server.url, cookie, 'Entrées invalides')).id;
});
afterAll(async () => {
	await server?.kill();
	if (server) removeDir(server.dataDir);
});

async function open(): Promise<WebSocket> {
	const r = await rawSync(`${server.url.replace('http', 'ws')}/sync/${workshopId}`, { origin: server.url, cookie });
	if (!r.opened) throw new Error(`refused ${r.status}`);
	return r.ws;
}
const closeOf = (ws: WebSocket) =>
	new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));

describe('bad input on the sync channel', () => {
	test.each([
		['a truncated sync message', Uint8Array.from([0, 2, 200]), 1007],
		['an unknown message type', Uint8Array.from([42]), 1007],
		['an awareness update that is not JSON', Uint8Array.from([1, 6, 1, 1, 1, 2, 123, 120]), 1007],
		['a garbage Yjs update', Uint8Array.from([0, 2, 4, 255, 255, 255, 255]), 1007]
	])('%s closes that connection with code %i, others keep working', async (_what, bytes, code) => {
		const other = syncClient(server.url, workshopId, { cookie });
		await other.synced;
		const ws = await open();
		const closed = closeOf(ws);
		ws.send(bytes);
		const result = await closed;
		expect(result.code).toBe(code);
		expect(result.reason).toMatch(/malformed|unknown/);
		const id = `after-${code}-${Math.random()}`;
		insertNote(other.doc, { id, text: 'encore là', x: 0, y: 0, color: 'yellow', authorId: 'f', authorCategory: 'facilitator', createdAt: 1, updatedAt: 1 });
		const check = syncClient(server.url, workshopId, { cookie });
		await eventually(() => readNotes(check.doc).some((n) => n.id === id), 'server still serving');
		other.destroy();
		check.destroy();
	});

	test('a text frame is refused with 1003', async () => {
		const ws = await open();
		const closed = closeOf(ws);
		ws.send('hello');
		expect((await closed).code).toBe(1003);
	});

	test('an oversized message is closed with 1009 and logged on one line', async () => {
		const ws = await open();
		const closed = closeOf(ws);
		ws.send(new Uint8Array(LIMIT + 1));
		expect((await closed).code).toBe(1009);
		await eventually(() => /Max payload size exceeded/.test(server.output()), 'a log line about the oversized message');
		const lines = server.output().split('\n').filter((l) => l.includes('Max payload size exceeded'));
		expect(lines).toHaveLength(1);
		expect(() => JSON.parse(lines[0])).not.toThrow();
	});

	test('the server logs each refusal on one JSON line and never crashes', async () => {
		expect(server.output()).toMatch(/"msg":"sync connection closed"/);
		const res = await fetch(`${server.url}/healthz`);
		expect(res.status).toBe(200);
	});
});
