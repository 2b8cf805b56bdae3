import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { syncClient, eventually, rawSync } from '../helpers/clients.ts';
import { createWorkshop, signUp } from '../helpers/http.ts';
import { insertNote, readNotes, updateNote } from '../../src/lib/domain/board/notes.ts';

let server: RunningServer;
let cookie: string;
let workshopId: string;

beforeAll(async () => {
	server = await startServer();
	cookie = await signUp(server.url);
	workshopId = (await createWorkshop(server.url, cookie, 'Accueil en mairie')).id;
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
