import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import * as Y from 'yjs';
import { syncClient, eventually, eventuallyAsync, rawSync } from '../helpers/clients.ts';
import { createWorkshop, joinAs, participantId, peopleAction, signUp } from '../helpers/http.ts';
import { insertNote, readNotes, updateNote } from '../../src/lib/domain/board/notes.ts';

let server: RunningServer;
let cookie: string;
let workshopId: string;
let joinCode: string;

beforeAll(async () => {
	server = await startServer();
	cookie = await signUp(server.url);
	({ id: workshopId, joinCode } = await createWorkshop(server.url, cookie, 'Accueil en mairie'));
});
afterAll(async () => {
	await server?.kill();
	if (server) removeDir(server.dataDir);
});

const note = (id: string, text: string) => ({
	id,
	text,
	x: 10,
	y: 10,
	color: 'yellow' as const,
	authorId: 'f',
	authorCategory: 'facilitator' as const,
	createdAt: Date.now(),
	updatedAt: Date.now()
});

describe('sync endpoint with unmodified y-websocket providers', () => {
	test("two facilitator providers converge on each other's edits", async () => {
		const a = syncClient(server.url, workshopId, { cookie });
		const b = syncClient(server.url, workshopId, { cookie });
		await Promise.all([a.synced, b.synced]);
		insertNote(a.doc, note('note-from-a', 'Horaires d’ouverture trop courts'));
		insertNote(b.doc, note('note-from-b', 'File d’attente au guichet'));
		await eventually(() => readNotes(a.doc).length === 2 && readNotes(b.doc).length === 2, 'both notes on both clients');
		updateNote(b.doc, 'note-from-a', { text: 'Horaires trop courts le samedi' }, Date.now());
		await eventually(() => readNotes(a.doc).find((n) => n.id === 'note-from-a')?.text === 'Horaires trop courts le samedi', 'edit on a');
		expect(readNotes(a.doc)).toEqual(readNotes(b.doc));
		a.destroy();
		b.destroy();
	});

	test('a connection without a session is refused at the upgrade (401)', async () => {
		const r = await rawSync(`${server.url.replace('http', 'ws')}/sync/${workshopId}`, { origin: server.url });
		expect(r).toMatchObject({ opened: false, status: 401 });
	});

	test('a connection with the Origin of another site is refused (403), even with a valid session', async () => {
		const r = await rawSync(`${server.url.replace('http', 'ws')}/sync/${workshopId}`, {
			origin: 'https://evil.example',
			cookie
		});
		expect(r).toMatchObject({ opened: false, status: 403 });
	});

	test('an unmodified provider with a foreign Origin never receives the document', async () => {
		const c = syncClient(server.url, workshopId, { cookie, origin: 'https://evil.example' });
		await new Promise((r) => setTimeout(r, 500));
		expect(c.provider.synced).toBe(false);
		expect(readNotes(c.doc)).toEqual([]);
		c.destroy();
	});

	test('an unknown workshop is 404 and an unknown session token is 401', async () => {
		const ws = server.url.replace('http', 'ws');
		expect(await rawSync(`${ws}/sync/aaaaaaaaaaaaaaaa`, { origin: server.url, cookie })).toMatchObject({ status: 404 });
		expect(await rawSync(`${ws}/sync/not-an-id`, { origin: server.url, cookie })).toMatchObject({ status: 404 });
		expect(
			await rawSync(`${ws}/sync/${workshopId}`, { origin: server.url, cookie: 'concerto_session=abcdefghijklmnopqrstuvwx' })
		).toMatchObject({ status: 401 });
	});

	test('a facilitator of another workshop is refused (403)', async () => {
		const other = await signUp(server.url);
		const r = await rawSync(`${server.url.replace('http', 'ws')}/sync/${workshopId}`, { origin: server.url, cookie: other });
		expect(r).toMatchObject({ opened: false, status: 403 });
	});
});

describe("the document's first state over HTTP (a phone's first load)", () => {
	const stateOf = (who: Record<string, string>) => fetch(`${server.url}/sync/${workshopId}/state`, { headers: { 'sec-fetch-site': 'same-origin', ...who } });

	test('a participant gets the whole document, gzip-compressed in Yjs’s second format; it is never cached', async () => {
		const editor = syncClient(server.url, workshopId, { cookie });
		await editor.synced;
		insertNote(editor.doc, note('note-for-first-state', 'Un guichet ouvert le samedi'));
		const phone = await joinAs(server.url, joinCode, 'Nadia', 'usager');
		// Asked again until the edit has reached the server's document (the state is read from it).
		const doc = new Y.Doc();
		await eventuallyAsync(
			async () => {
				const res = await stateOf({ cookie: phone });
				if (res.status !== 200) return false;
				Y.applyUpdateV2(doc, new Uint8Array(await res.arrayBuffer()));
				return readNotes(doc).some((n) => n.id === 'note-for-first-state');
			},
			'the new note in the first state',
			10_000
		);
		const raw = await fetch(`${server.url}/sync/${workshopId}/state`, { headers: { cookie: phone, 'sec-fetch-site': 'same-origin', 'accept-encoding': 'gzip' } });
		expect(raw.headers.get('content-encoding')).toBe('gzip');
		expect(raw.headers.get('cache-control')).toBe('no-store');
		editor.destroy();
	});

	test('the gate is the socket’s: no session 401, another site 403, an unknown workshop 404', async () => {
		expect((await stateOf({})).status).toBe(401);
		expect((await fetch(`${server.url}/sync/${workshopId}/state`, { headers: { cookie, origin: 'https://evil.example' } })).status).toBe(403);
		const unknown = await fetch(`${server.url}/sync/aaaaaaaaaaaaaaaa/state`, { headers: { cookie, 'sec-fetch-site': 'same-origin' } });
		expect(unknown.status).toBe(404);
	});

	test('a participant of another workshop, a removed participant and another facilitator get nothing of it', async () => {
		// A phone that joined another workshop holds a session, but not for this one.
		const other = await createWorkshop(server.url, cookie, 'Un autre atelier');
		const elsewhere = await joinAs(server.url, other.joinCode, 'Paul', 'agent');
		expect([401, 403]).toContain((await stateOf({ cookie: elsewhere })).status);
		// A facilitator of their own workshops only.
		const stranger = await signUp(server.url);
		expect([401, 403]).toContain((await stateOf({ cookie: stranger })).status);
		// Removed by the facilitator: the phone's cookie no longer opens the board.
		const removed = await joinAs(server.url, joinCode, 'Marc', 'usager');
		expect((await stateOf({ cookie: removed })).status).toBe(200);
		expect((await peopleAction(server.url, workshopId, 'remove', { participantId: await participantId(server.url, workshopId, removed) }, cookie)).status).toBe(200);
		expect([401, 403]).toContain((await stateOf({ cookie: removed })).status);
	});
});
