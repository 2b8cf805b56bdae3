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

describe('limits per person, not per socket', () => {
	test('one participant’s 30 sockets share one allowance of commands', async () => {
		const participant = await joinAs(server.url, workshop.joinCode, 'Multiple', 'usager');
		const sockets = Array.from({ length: 30 }, () => liveClient(server.url, workshop.id, { cookie: participant }));
		await Promise.all(sockets.map(connected));
		const started = performance.now();
		// 40 moves per socket: each alone within its burst, 1,200 in all.
		const results = await Promise.all(
			sockets.flatMap((live, s) => Array.from({ length: 40 }, (_, i) => send(live, 'note.move', { commandId: `multi-${s}-${i}-move`, noteId: 'nowhere', x: 1, y: 1 })))
		);
		const seconds = (performance.now() - started) / 1000;
		const served = results.filter((r) => r.ok || r.error.code !== 'rate_limited').length;
		// The default: 20 a second, burst 40, for the person, whatever their socket count.
		expect(served).toBeLessThanOrEqual(40 + Math.ceil(20 * seconds) + 1);
		expect(results.length - served).toBeGreaterThan(1000);
		for (const live of sockets) live.close();
	});
});

describe('joins per address', () => {
	let proxied: RunningServer;
	let open: { id: string; joinCode: string };
	beforeAll(async () => {
		// Behind a proxy that names each client: a room's shared address, and someone else's.
		proxied = await startServer({ env: { CONCERTO_JOINS_PER_MINUTE: '20', ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' } });
		const f = await post(proxied.url, '/signup', { email: `anim-${Date.now()}@exemple.fr`, displayName: 'Camille', password: 'un mot de passe solide' }, '203.0.113.1');
		const cookie = f.headers.getSetCookie().find((c) => c.startsWith('concerto_session='))!.split(';')[0];
		const created = await post(proxied.url, '/?/create', { title: 'Ouvert à tous' }, '203.0.113.1', cookie);
		const id = (created.headers.get('location') ?? '').split('/').pop()!;
		const page = await (await fetch(`${proxied.url}/w/${id}`, { headers: { cookie, 'x-forwarded-for': '203.0.113.1' } })).text();
		open = { id, joinCode: /\/j\/([A-Z0-9]{6})/.exec(page)![1] };
	});
	afterAll(async () => {
		await proxied?.kill();
		if (proxied) removeDir(proxied.dataDir);
	});

	test('a script joining 60 times from one address is paced with a clear message; another address joins at once', async () => {
		const answers = await Promise.all(
			Array.from({ length: 60 }, (_, i) => post(proxied.url, `/j/${open.joinCode}`, { displayName: `Faux ${i}`, category: 'usager' }, '198.51.100.9'))
		);
		const joined = answers.filter((r) => r.status === 303).length;
		// 20 a minute, 10 at once: the burst and whatever the seconds of the test refilled.
		expect(joined).toBeGreaterThanOrEqual(10);
		expect(joined).toBeLessThanOrEqual(12);
		const refused = answers.find((r) => r.status === 429)!;
		expect(await refused.text()).toContain('Réessayez dans');
		expect((await post(proxied.url, `/j/${open.joinCode}`, { displayName: 'Léa', category: 'agent' }, '198.51.100.10')).status).toBe(303);
	});
});

/** A form post from the given client address, as the proxy names it. */
function post(base: string, path: string, fields: Record<string, string>, address: string, cookie = ''): Promise<Response> {
	return fetch(`${base}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: base,
			accept: 'text/html',
			'accept-language': 'fr',
			'content-type': 'application/x-www-form-urlencoded',
			'x-forwarded-for': address,
			...(cookie ? { cookie } : {})
		},
		body: new URLSearchParams(fields)
	});
}
