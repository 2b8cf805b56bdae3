import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { liveClient, connected, send, rawSync, syncClient } from '../helpers/clients.ts';
import { createWorkshop, joinAs, signUp } from '../helpers/http.ts';
import { readNotes } from '../../src/lib/domain/board/notes.ts';
import { io, type Socket } from 'socket.io-client';

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

describe('connections per address', () => {
	let proxied: RunningServer;
	let workshopId: string;
	let phone: string;
	beforeAll(async () => {
		// 20 a minute, 10 at once, behind a proxy that names each client.
		proxied = await startServer({ env: { CONCERTO_CONNECTIONS_PER_MINUTE: '20', ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' } });
		const f = await post(proxied.url, '/signup', { email: `anim-c-${Date.now()}@exemple.fr`, displayName: 'Camille', password: 'un mot de passe solide' }, '203.0.113.1');
		const cookie = f.headers.getSetCookie().find((c) => c.startsWith('concerto_session='))!.split(';')[0];
		const created = await post(proxied.url, '/?/create', { title: 'Ouvert à tous' }, '203.0.113.1', cookie);
		workshopId = (created.headers.get('location') ?? '').split('/').pop()!;
		const page = await (await fetch(`${proxied.url}/w/${workshopId}`, { headers: { cookie, 'x-forwarded-for': '203.0.113.1' } })).text();
		const joinCode = /\/j\/([A-Z0-9]{6})/.exec(page)![1];
		const joined = await post(proxied.url, `/j/${joinCode}`, { displayName: 'Nadia', category: 'usager' }, '203.0.113.2');
		phone = joined.headers.getSetCookie().find((c) => c.startsWith('concerto_p_'))!.split(';')[0];
	});
	afterAll(async () => {
		await proxied?.kill();
		if (proxied) removeDir(proxied.dataDir);
	});

	const firstState = (address: string) =>
		fetch(`${proxied.url}/sync/${workshopId}/state`, { headers: { cookie: phone, 'sec-fetch-site': 'same-origin', 'x-forwarded-for': address } });
	const syncSocket = (address: string) => rawSync(`${proxied.url.replace('http', 'ws')}/sync/${workshopId}`, { origin: proxied.url, cookie: phone, 'x-forwarded-for': address });
	const liveSocket = (address: string) => {
		const socket = io(proxied.url, { path: '/live', transports: ['websocket'], auth: { workshopId }, extraHeaders: { origin: proxied.url, cookie: phone, 'x-forwarded-for': address }, reconnection: false });
		return new Promise<{ socket: Socket; code: string | null }>((resolve) => {
			socket.once('connect', () => resolve({ socket, code: null }));
			socket.once('connect_error', (e: Error & { data?: { code?: string } }) => resolve({ socket, code: e.data?.code ?? e.message }));
		});
	};

	test('a script opening first states, sync and live sockets by the dozen from one address is held to one allowance, with a wait; another address gets in', async () => {
		const script = '198.51.100.41';
		const outcomes: { kind: string; allowed: boolean; detail: string }[] = [];
		const open: { close(): void }[] = [];
		for (let i = 0; i < 6; i++) {
			const state = await firstState(script);
			outcomes.push({ kind: 'state', allowed: state.status === 200, detail: `${state.status} ${state.headers.get('retry-after') ?? ''} ${await state.text().catch(() => '')}` });
			const sync = await syncSocket(script);
			if (sync.opened) open.push({ close: () => sync.ws.close() });
			outcomes.push({ kind: 'sync', allowed: sync.opened, detail: sync.opened ? 'open' : String(sync.status) });
			const live = await liveSocket(script);
			open.push({ close: () => live.socket.close() });
			outcomes.push({ kind: 'live', allowed: live.code === null, detail: live.code ?? 'connected' });
		}
		const allowed = outcomes.filter((o) => o.allowed).length;
		// 10 at once, and whatever the seconds of the test refilled (one every 3 s).
		expect(allowed, JSON.stringify(outcomes)).toBeGreaterThanOrEqual(10);
		expect(allowed, JSON.stringify(outcomes)).toBeLessThanOrEqual(12);
		// Each kind was refused, each in its own way, with the wait said.
		const refused = (kind: string) => outcomes.find((o) => o.kind === kind && !o.allowed)?.detail;
		expect(refused('state')).toMatch(/^429 \d+ too many connections from this address; retry in \d+ s/);
		expect(refused('sync')).toBe('429');
		expect(refused('live')).toBe('rate_limited');

		// Someone else, behind the same proxy, is not held by it.
		const other = '198.51.100.42';
		expect((await firstState(other)).status).toBe(200);
		const sync = await syncSocket(other);
		expect(sync.opened).toBe(true);
		if (sync.opened) sync.ws.close();
		const live = await liveSocket(other);
		expect(live.code).toBeNull();
		live.socket.close();
		for (const socket of open) socket.close();
	});
});
