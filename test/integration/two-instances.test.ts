import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { afterAll, describe, expect, test } from 'vitest';
import { startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { syncClient, liveClient, connected, send, eventually, eventuallyAsync, webSocketWith } from '../helpers/clients.ts';
import { createWorkshop, joinAs, signUp } from '../helpers/http.ts';
import { createTestDatabaseUrl } from '../helpers/databases.ts';
import { insertNote, readNotes } from '../../src/lib/domain/board/notes.ts';
import { aNote } from '../helpers/notes.ts';

const ready = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
if (!ready) console.warn('Two-instance test skipped: set DATABASE_URL and REDIS_URL to run it');

const servers: RunningServer[] = [];
afterAll(async () => {
	for (const s of servers) {
		await s.kill('SIGKILL');
		removeDir(s.dataDir);
	}
});

const note = (id: string) => aNote(id);

describe.skipIf(!ready)('two instances behind one Redis', () => {
	test('clients on either instance converge; commands on both count once; killing one loses nothing acknowledged', async () => {
		const database = await createTestDatabaseUrl();
		const env = { REDIS_URL: process.env.REDIS_URL!, CONCERTO_COMMIT_WINDOW_MS: '20', CONCERTO_NOTES_PER_MINUTE: '1000' };
		// A waits longer before storing: what it relays to B and then loses in a crash must be kept by B.
		const a = await startServer({ databaseUrl: database.url, env: { ...env, CONCERTO_COMMIT_WINDOW_MS: '1000' } });
		const b = await startServer({ databaseUrl: database.url, env });
		servers.push(a, b);
		const facilitator = await signUp(a.url);
		const workshop = await createWorkshop(a.url, facilitator, 'Deux instances');
		const participant = await joinAs(b.url, workshop.joinCode, 'Léa', 'usager');

		const onA = syncClient(a.url, workshop.id, { cookie: facilitator });
		const onB = syncClient(b.url, workshop.id, { cookie: facilitator });
		await Promise.all([onA.synced, onB.synced]);
		insertNote(onA.doc, note('written-on-a'));
		insertNote(onB.doc, note('written-on-b'));
		await eventually(() => readNotes(onA.doc).length === 2 && readNotes(onB.doc).length === 2, 'cross-instance convergence');

		// The same command sent to both instances is applied once.
		const liveA = liveClient(a.url, workshop.id, { cookie: participant });
		const liveB = liveClient(b.url, workshop.id, { cookie: participant });
		await Promise.all([connected(liveA), connected(liveB)]);
		const input = { commandId: 'cmd-both-0001', text: 'Un guichet unique' };
		const first = await send(liveA, 'note.add', input);
		const second = await send(liveB, 'note.add', input);
		expect(first).toEqual({ ok: true, value: { noteId: 'cmd-both-0001' } });
		expect(second).toEqual(first);
		const acked: string[] = [];
		for (let i = 0; i < 20; i++) {
			const r = await send(i % 2 ? liveA : liveB, 'note.add', { commandId: `cmd-split-${i}-xx`, text: `idée ${i}` });
			if (r.ok) acked.push(`cmd-split-${i}-xx`);
		}
		await eventually(() => readNotes(onA.doc).length === 23 && readNotes(onB.doc).length === 23, 'all commands everywhere');
		expect(readNotes(onA.doc).filter((n) => n.text === 'Un guichet unique')).toHaveLength(1);

		// A dies. Its editor's client is sent to B (as a load balancer would) with its own document.
		insertNote(onA.doc, note('unsaved-on-a'));
		await eventually(() => readNotes(onB.doc).some((n) => n.id === 'unsaved-on-a'), 'the edit relayed to B before A dies');
		await a.kill('SIGKILL');
		onA.provider.destroy();
		const moved = new WebsocketProvider(b.url.replace('http', 'ws') + '/sync', workshop.id, onA.doc, {
			WebSocketPolyfill: webSocketWith(b.url, { cookie: facilitator }) as unknown as typeof globalThis.WebSocket,
			disableBc: true
		});
		await eventually(() => readNotes(onB.doc).some((n) => n.id === 'unsaved-on-a'), 'the moved client’s edit on B');
		for (const id of acked) expect(readNotes(onB.doc).some((n) => n.id === id)).toBe(true);

		// A fresh client on B sees everything acknowledged on either instance.
		liveA.close();
		liveB.close();
		moved.destroy();
		onB.destroy();
		// Wait until B has stored and unloaded the board, so the fresh client below reads it back from the database.
		await eventuallyAsync(async () => /^concerto_workshops_loaded 0$/m.test(await (await fetch(`${b.url}/metrics`)).text()), 'B to unload the board', 20_000);
		const check = new Y.Doc();
		const c = syncClient(b.url, workshop.id, { cookie: facilitator });
		await c.synced;
		Y.applyUpdate(check, Y.encodeStateAsUpdate(c.doc));
		const ids = readNotes(check).map((n) => n.id);
		for (const id of [...acked, 'written-on-a', 'written-on-b', 'unsaved-on-a', 'cmd-both-0001']) expect(ids).toContain(id);
		c.destroy();
		await b.kill();
		await database.drop();
	});

	test('one person’s commands share one allowance across both instances', async () => {
		const database = await createTestDatabaseUrl();
		const env = { REDIS_URL: process.env.REDIS_URL! };
		const [a, b] = await Promise.all([startServer({ databaseUrl: database.url, env }), startServer({ databaseUrl: database.url, env })]);
		servers.push(a, b);
		const facilitator = await signUp(a.url);
		const workshop = await createWorkshop(a.url, facilitator, 'Une seule limite');
		const participant = await joinAs(a.url, workshop.joinCode, 'Partout', 'usager');
		const sockets = Array.from({ length: 10 }, (_, i) => liveClient(i % 2 ? a.url : b.url, workshop.id, { cookie: participant }));
		await Promise.all(sockets.map(connected));
		const started = performance.now();
		const results = await Promise.all(
			sockets.flatMap((live, s) => Array.from({ length: 30 }, (_, i) => send(live, 'note.move', { commandId: `two-${s}-${i}-move`, noteId: 'nowhere', x: 1, y: 1 })))
		);
		const seconds = (performance.now() - started) / 1000;
		const served = results.filter((r) => r.ok || r.error.code !== 'rate_limited').length;
		// 20 a second with a burst of 40, counted in Redis for the person: not 40 per instance, nor per socket.
		expect(served).toBeLessThanOrEqual(40 + Math.ceil(20 * seconds) + 1);
		for (const live of sockets) live.close();
		await Promise.all([a.kill(), b.kill()]);
		await database.drop();
	});
});
