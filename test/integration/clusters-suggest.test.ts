import * as Y from 'yjs';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { syncClient, liveClient, connected, send, eventually } from '../helpers/clients.ts';
import { createWorkshop, joinAs, signUp } from '../helpers/http.ts';
import { readNotes } from '../../src/lib/domain/board/notes.ts';
import { assignNotes, createCluster } from '../../src/lib/domain/board/clusters.ts';
import type { SuggestedCluster } from '../../src/lib/domain/clustering/suggest.ts';

let server: RunningServer;
let workshop: { id: string; joinCode: string };
let facilitator: string;
let fLive: Socket;
let pLive: Socket;
let ids = 0;
const cmd = () => `clusters-${Date.now()}-${ids++}`;

const HOURS = ['Ouvrir le samedi matin', 'Mairie fermée entre 12h et 14h', 'Une nocturne le jeudi jusqu’à 19h', 'horaires d’ouverture trop courts'];
const PHONE = ['Personne ne décroche au standard', 'Le numéro de téléphone sonne dans le vide', 'Standard injoignable le vendredi'];

beforeAll(async () => {
	server = await startServer();
	facilitator = await signUp(server.url);
	workshop = await createWorkshop(server.url, facilitator, 'Accueil en mairie');
	fLive = liveClient(server.url, workshop.id, { cookie: facilitator });
	pLive = liveClient(server.url, workshop.id, { cookie: await joinAs(server.url, workshop.joinCode, 'Fatima', 'usager') });
	await Promise.all([connected(fLive), connected(pLive)]);
	// Before the first phase starts the board is free: both write, as they would in a room.
	for (const [i, text] of [...HOURS, ...PHONE, 'Des plantes vertes dans le hall'].entries())
		expect(await send(i % 2 ? pLive : fLive, 'note.add', { commandId: cmd(), text })).toMatchObject({ ok: true });
});
afterAll(async () => {
	fLive?.close();
	pLive?.close();
	await server?.kill();
	if (server) removeDir(server.dataDir);
});

describe('clusters.suggest over /live', () => {
	test('a facilitator gets the board’s notes grouped by subject; the document is unchanged', async () => {
		const watcher = syncClient(server.url, workshop.id, { cookie: facilitator });
		await watcher.synced;
		await eventually(() => readNotes(watcher.doc).length === 8, 'the eight notes on the board');
		const idOf = new Map(readNotes(watcher.doc).map((n) => [n.text, n.id]));
		const before = Y.encodeStateVector(watcher.doc);
		let changes = 0;
		watcher.doc.on('update', () => changes++);

		const res = await send<{ groups: SuggestedCluster[] }>(fLive, 'clusters.suggest', { commandId: cmd() });
		expect(res.ok).toBe(true);
		const groups = res.ok ? res.value.groups : [];
		const sorted = (texts: string[]) => texts.map((t) => idOf.get(t)!).sort();
		expect(groups.map((g) => [...g.noteIds].sort())).toEqual(expect.arrayContaining([sorted(HOURS), sorted(PHONE)]));
		expect(groups.flatMap((g) => g.noteIds)).not.toContain(idOf.get('Des plantes vertes dans le hall'));
		for (const g of groups) expect(g.label).toMatch(/\p{L}{2,}/u);

		await new Promise((r) => setTimeout(r, 300));
		expect(changes).toBe(0);
		expect(Y.encodeStateVector(watcher.doc)).toEqual(before);
		watcher.destroy();
	});

	test('notes the room already put in a cluster are left where they are', async () => {
		const writer = syncClient(server.url, workshop.id, { cookie: facilitator });
		// What another screen sees has gone through the server's own document.
		const other = syncClient(server.url, workshop.id, { cookie: facilitator });
		await Promise.all([writer.synced, other.synced]);
		const phoneIds = readNotes(writer.doc).filter((n) => PHONE.includes(n.text)).map((n) => n.id);
		writer.doc.transact(() => {
			createCluster(writer.doc, { id: 'cluster-telephone', label: 'Téléphone', now: Date.now() });
			assignNotes(writer.doc, phoneIds, 'cluster-telephone', Date.now());
		});
		await eventually(() => readNotes(other.doc).filter((n) => n.clusterId === 'cluster-telephone').length === 3, 'the cluster on the server');

		const res = await send<{ groups: SuggestedCluster[] }>(fLive, 'clusters.suggest', { commandId: cmd() });
		const suggested = res.ok ? res.value.groups.flatMap((g) => g.noteIds) : [];
		expect(res.ok).toBe(true);
		expect(suggested.length).toBeGreaterThanOrEqual(HOURS.length);
		for (const id of phoneIds) expect(suggested).not.toContain(id);
		writer.destroy();
		other.destroy();
	});

	test('a participant gets forbidden; bad input gets invalid_input', async () => {
		expect(await send(pLive, 'clusters.suggest', { commandId: cmd() })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(await send(fLive, 'clusters.suggest', { commandId: cmd(), notes: [] })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		expect(await send(fLive, 'clusters.suggest', 'nothing')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
	});
});
