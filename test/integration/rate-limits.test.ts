import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { liveClient, connected, send, rawSync, syncClient } from '../helpers/clients.ts';
import { createWorkshop, joinAs, signUp } from '../helpers/http.ts';
import { readNotes } from '../../src/lib/domain/board/notes.ts';

let server: RunningServer;
let facilitator: string;
let workshop: { id: string; joinCode: string };

beforeAll(async () => {
	server = await startServer({ env: { CONCERTO_NOTES_PER_MINUTE: '10', CONCERTO_SYNC_MESSAGES_PER_SECOND: '20' } });
	facilitator = await signUp(server.url);
	workshop = await createWorkshop(server.url, facilitator, 'Limites');
});
afterAll(async () => {
	await server?.kill();
	if (server) removeDir(server.dataDir);
});

describe('per-connection rate limits', () => {
	test('a participant over the notes-per-minute limit gets rate_limited with a wait, and the extra notes are not added', async () => {
		const participant = await joinAs(server.url, workshop.joinCode, 'Pressé', 'usager');
		const live = liveClient(server.url, workshop.id, { cookie: participant });
		await connected(live);
		const results = [];
		for (let i = 0; i < 12; i++) results.push(await send(live, 'note.add', { commandId: `rate-note-${i}-x`, text: `idée ${i}` }));
		expect(results.filter((r) => r.ok)).toHaveLength(5);
		const refused = results.find((r) => !r.ok);
		expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited', message: expect.stringMatching(/retry in \d+ s/) } });

		// Another participant is not slowed down by the first one.
		const other = await joinAs(server.url, workshop.joinCode, 'Calme', 'agent');
		const live2 = liveClient(server.url, workshop.id, { cookie: other });
		await connected(live2);
		expect(await send(live2, 'note.add', { commandId: 'rate-other-0001', text: 'à mon rythme' })).toMatchObject({ ok: true });

		const check = syncClient(server.url, workshop.id, { cookie: facilitator });
		await check.synced;
		expect(readNotes(check.doc)).toHaveLength(6);
		check.destroy();
		live.close();
		live2.close();
	});

	test('events without an acknowledgement count against the limit and are never logged whole', async () => {
		const participant = await joinAs(server.url, workshop.joinCode, 'Bavard', 'usager');
		const live = liveClient(server.url, workshop.id, { cookie: participant });
		await connected(live);
		const logged = server.output().length;
		// 50 events named with 200 kB each, no acknowledgement asked: 10 MB if the names were logged.
		const name = `x${'y'.repeat(200_000)}`;
		for (let i = 0; i < 50; i++) live.emit(name, {});
		// They went through the limiter: the next real command, in the same second, is refused.
		expect(await send(live, 'note.add', { commandId: 'after-flood-0001', text: 'une idée' })).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
		expect(server.output().length - logged).toBeLessThan(50_000);
		const metrics = await (await fetch(`${server.url}/metrics`)).text();
		expect(metrics).toMatch(/concerto_live_events_dropped_total\{reason="no_ack"\} [1-9]/);
		expect(metrics).toMatch(/concerto_live_events_dropped_total\{reason="rate_limited"\} [1-9]/);
		live.close();
	});

	test('a sync connection flooding messages is closed with 1008', async () => {
		const r = await rawSync(`${server.url.replace('http', 'ws')}/sync/${workshop.id}`, { origin: server.url, cookie: facilitator });
		if (!r.opened) throw new Error('refused');
		const closed = new Promise<number>((resolve) => r.ws.once('close', (code) => resolve(code)));
		for (let i = 0; i < 100; i++) r.ws.send(Uint8Array.from([3]));
		expect(await closed).toBe(1008);
	});
});
