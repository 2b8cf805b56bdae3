import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { syncClient, liveClient, connected, eventually, rawSync } from '../helpers/clients.ts';
import { createWorkshop, joinAs, signUp } from '../helpers/http.ts';
import { prng, type Prng } from '../helpers/prng.ts';
import { insertNote, notesOf, readNotes } from '../../src/lib/domain/board/notes.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const LIMIT = 32 * 1024;
let server: RunningServer;
let facilitator: string;
let participant: string;
let workshop: { id: string; joinCode: string };

beforeAll(async () => {
	server = await startServer({ env: { CONCERTO_MAX_MESSAGE_BYTES: String(LIMIT), LOG_LEVEL: 'error' } });
	facilitator = await signUp(server.url);
	workshop = await createWorkshop(server.url, facilitator, 'Fuzz');
	participant = await joinAs(server.url, workshop.joinCode, 'Robot', 'autre');
});
afterAll(async () => {
	await server?.kill();
	if (server) removeDir(server.dataDir);
});

/** Valid messages of every kind, to be mutated. */
function seeds(doc: Y.Doc): Uint8Array[] {
	const sync = (write: (e: encoding.Encoder) => void) => {
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, 0);
		write(e);
		return encoding.toUint8Array(e);
	};
	const forged = new Y.Doc();
	Y.applyUpdate(forged, Y.encodeStateAsUpdate(doc));
	const sv = Y.encodeStateVector(forged);
	notesOf(forged).forEach((_, id) => notesOf(forged).delete(id));
	insertNote(forged, { id: 'forged', text: 'forged', x: 0, y: 0, color: 'yellow', authorId: 'x', authorCategory: 'autre', createdAt: 0, updatedAt: 0 });
	const update = Y.encodeStateAsUpdate(forged, sv);
	const awareness = encoding.createEncoder();
	encoding.writeVarUint(awareness, 1);
	encoding.writeVarUint8Array(awareness, Uint8Array.from([1, 7, 1, 2, 123, 125]));
	return [
		sync((e) => syncProtocol.writeSyncStep1(e, doc)),
		sync((e) => syncProtocol.writeSyncStep2(e, forged)),
		sync((e) => syncProtocol.writeUpdate(e, update)),
		encoding.toUint8Array(awareness),
		Uint8Array.from([3])
	];
}

function mutate(r: Prng, base: Uint8Array): Uint8Array {
	const b = Uint8Array.from(base);
	switch (r.int(6)) {
		case 0:
			return b.slice(0, r.int(b.length + 1));
		case 1:
			for (let i = 0; i < 1 + r.int(4); i++) b[r.int(b.length)] = r.int(256);
			return b;
		case 2:
			return Uint8Array.from([...b, ...r.bytes(r.int(20))]);
		case 3:
			return r.bytes(1 + r.int(64));
		case 4:
			return new Uint8Array(LIMIT + 1 + r.int(1000));
		default:
			return b;
	}
}

function randomLivePayload(r: Prng, n: number): [string, unknown] {
	const events = ['note.add', 'note.add', 'note.delete', 'phase.start', '__proto__', 'constructor', ''];
	const payloads: unknown[] = [
		null,
		42,
		'text',
		[],
		{ commandId: `fz-${n}-${r.int(1e9)}`, text: 123 },
		{ commandId: 'x', text: 'trop court id' },
		{ commandId: `fz-${n}-aaaaaa`, text: 'a'.repeat(600) },
		{ commandId: `fz-${n}-bbbbbb`, text: 'ok', x: 'far' },
		// A computed key makes an own property that JSON carries (a literal `__proto__:` would set the prototype).
		{ commandId: `fz-${n}-cccccc`, text: 'ok', ['__proto__']: { admin: true } },
		{ commandId: `fz-${n}-dddddd`, text: '   ' }
	];
	return [r.pick(events), r.pick(payloads)];
}

describe(`fuzz (seed ${SEED})`, () => {
	test('thousands of random and mutated messages: server up, others served, document unchanged', async () => {
		const r = prng(SEED);
		const watcher = syncClient(server.url, workshop.id, { cookie: facilitator });
		await watcher.synced;
		insertNote(watcher.doc, { id: 'existing', text: 'Accueil', x: 0, y: 0, color: 'yellow', authorId: 'f', authorCategory: 'facilitator', createdAt: 0, updatedAt: 0 });
		await new Promise((res) => setTimeout(res, 200));
		const before = JSON.stringify(readNotes(watcher.doc));
		const corpus = seeds(watcher.doc);

		const wsUrl = `${server.url.replace('http', 'ws')}/sync/${workshop.id}`;
		let ws: WebSocket | null = null;
		let sent = 0;
		for (let i = 0; i < 3000; i++) {
			if (!ws || ws.readyState !== WebSocket.OPEN) {
				const opened = await rawSync(wsUrl, { origin: server.url, cookie: participant });
				if (!opened.opened) throw new Error(`participant refused: ${opened.status}`);
				ws = opened.ws;
				ws.on('error', () => {});
			}
			ws.send(mutate(r, r.pick(corpus)));
			sent++;
			if (i % 50 === 0) await new Promise((res) => setTimeout(res, 5));
		}
		ws?.close();

		const live = liveClient(server.url, workshop.id, { cookie: participant });
		await connected(live);
		let answered = 0;
		for (let i = 0; i < 1000; i++) {
			const [event, payload] = randomLivePayload(r, i);
			const res = (await live.timeout(5000).emitWithAck(event, payload).catch(() => null)) as { ok: boolean } | null;
			if (res) {
				expect(res.ok, `${event} ${JSON.stringify(payload)?.slice(0, 60)}`).toBe(false);
				answered++;
			}
			if (!live.connected) {
				live.connect();
				await connected(live);
			}
		}
		live.close();

		// Unknown and malformed workshop ids at the gate.
		for (let i = 0; i < 50; i++) {
			const id = r.pick(['aaaaaaaaaaaaaaaa', '../../etc/passwd', '%00', 'x'.repeat(300), String(r.int(1e9))]);
			const res = await rawSync(`${server.url.replace('http', 'ws')}/sync/${encodeURIComponent(id)}`, { origin: server.url, cookie: participant });
			expect(res.opened).toBe(false);
		}

		expect(sent).toBe(3000);
		expect(answered).toBeGreaterThan(900);
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
		expect(JSON.stringify(readNotes(watcher.doc))).toBe(before);

		// Another client still works, and sees the same, unchanged document.
		const fresh = syncClient(server.url, workshop.id, { cookie: facilitator });
		await fresh.synced;
		expect(JSON.stringify(readNotes(fresh.doc))).toBe(before);
		insertNote(fresh.doc, { id: 'still-alive', text: 'ok', x: 0, y: 0, color: 'yellow', authorId: 'f', authorCategory: 'facilitator', createdAt: 1, updatedAt: 1 });
		await eventually(() => readNotes(watcher.doc).some((n) => n.id === 'still-alive'), 'edits still flow');
		watcher.destroy();
		fresh.destroy();
	});
});
