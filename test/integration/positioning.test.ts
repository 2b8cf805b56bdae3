import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { syncClient, liveClient, connected, send, eventually } from '../helpers/clients.ts';
import { cookieFrom, createWorkshop, joinAs, participantId, peopleAction, signUp } from '../helpers/http.ts';
import { insertNote, readNotes } from '../../src/lib/domain/board/notes.ts';
import { readScale, readScales } from '../../src/lib/domain/board/positioning.ts';
import type { Phase } from '../../src/lib/domain/agenda/phase.ts';
import type { WorkshopState } from '../../src/lib/protocol/live.ts';

let server: RunningServer;
let facilitator: string;
let workshop: { id: string; joinCode: string };
let fLive: Socket;
let fatima: Socket;
let paul: Socket;
let ids: { fatima: string; paul: string };
let watcher: ReturnType<typeof syncClient>;
const latest = new Map<Socket, WorkshopState>();
let n = 0;
const cmd = () => `position-${Date.now()}-${n++}`;

const agenda: Phase[] = [
	{ id: 'idees', type: 'ideation', title: 'Idées', minutes: 10, instructions: '', settings: {} },
	{ id: 'reperes', type: 'positioning', title: 'Où en est la relation ?', minutes: 10, instructions: '', settings: { leftPole: 'Très simple', rightPole: 'Parcours du combattant' } },
	{ id: 'defaut', type: 'positioning', title: 'Sans pôles', minutes: 10, instructions: '', settings: {} }
];

async function watch(cookie: string): Promise<Socket> {
	const s = liveClient(server.url, workshop.id, { cookie });
	s.on('workshop.state', (st: WorkshopState) => latest.set(s, st));
	await connected(s);
	await eventually(() => latest.has(s), 'the state on connect');
	return s;
}
const place = (s: Socket, value: number) => send(s, 'marker.place', { commandId: cmd(), value });
const markers = (scaleId: string) => readScale(watcher.doc, scaleId)?.markers ?? [];

beforeAll(async () => {
	server = await startServer();
	facilitator = await signUp(server.url);
	workshop = await createWorkshop(server.url, facilitator, 'Relation avec la CAF');
	const fatimaCookie = await joinAs(server.url, workshop.joinCode, 'Fatima', 'usager');
	const paulCookie = await joinAs(server.url, workshop.joinCode, 'Paul', 'agent');
	ids = { fatima: await participantId(server.url, workshop.id, fatimaCookie), paul: await participantId(server.url, workshop.id, paulCookie) };
	fLive = await watch(facilitator);
	fatima = await watch(fatimaCookie);
	paul = await watch(paulCookie);
	watcher = syncClient(server.url, workshop.id, { cookie: facilitator });
	await watcher.synced;
	expect(await send(fLive, 'agenda.save', { commandId: cmd(), phases: agenda })).toMatchObject({ ok: true });
	expect(await send(fLive, 'phase.start', { commandId: cmd() })).toMatchObject({ ok: true });
	await eventually(() => latest.get(fatima)?.timer.phase === 'idees', 'the ideation phase');
});
afterAll(async () => {
	for (const s of [fLive, fatima, paul]) s?.close();
	watcher?.destroy();
	await server?.kill();
	if (server) removeDir(server.dataDir);
});

describe('positioning markers over /live', () => {
	test('outside a positioning phase a marker is refused and nothing is written', async () => {
		expect(await place(fatima, 30)).toMatchObject({ ok: false, error: { code: 'phase_closed' } });
		await new Promise((r) => setTimeout(r, 200));
		expect(readScales(watcher.doc)).toEqual([]);
	});

	test('the scale exists with the phase’s poles as soon as the phase starts', async () => {
		expect(await send(fLive, 'phase.skip', { commandId: cmd() })).toMatchObject({ ok: true });
		await eventually(() => latest.get(fatima)?.timer.phase === 'reperes', 'the positioning phase');
		await eventually(() => readScale(watcher.doc, 'reperes') !== null, 'the scale in the document');
		expect(readScale(watcher.doc, 'reperes')).toMatchObject({ leftPole: 'Très simple', rightPole: 'Parcours du combattant', markers: [] });
	});

	test('two participants each get one marker with their session’s category; placing again moves it', async () => {
		expect(await place(fatima, 30)).toEqual({ ok: true, value: { scaleId: 'reperes', value: 30 } });
		expect(await place(paul, 80)).toEqual({ ok: true, value: { scaleId: 'reperes', value: 80 } });
		await eventually(() => markers('reperes').length === 2, 'two markers');
		const byId = (id: string) => markers('reperes').find((m) => m.participantId === id);
		expect(byId(ids.fatima)).toMatchObject({ category: 'usager', value: 30 });
		expect(byId(ids.paul)).toMatchObject({ category: 'agent', value: 80 });

		expect(await place(fatima, 12.6)).toMatchObject({ ok: true, value: { value: 13 } });
		await eventually(() => byId(ids.fatima)?.value === 13, 'the moved marker');
		expect(markers('reperes')).toHaveLength(2);
	});

	test('the client cannot choose its category, nor a value off the scale', async () => {
		expect(await send(fatima, 'marker.place', { commandId: cmd(), value: 50, category: 'elu' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		expect(await place(fatima, 101)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		expect(await send(fatima, 'marker.place', { commandId: cmd(), value: '50' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		await new Promise((r) => setTimeout(r, 200));
		expect(markers('reperes').find((m) => m.participantId === ids.fatima)).toMatchObject({ category: 'usager', value: 13 });
	});

	test('a locked board refuses markers; facilitators have none to place', async () => {
		await send(fLive, 'board.lock', { commandId: cmd(), locked: true });
		await eventually(() => latest.get(paul)?.locked === true, 'locked');
		expect(await place(paul, 10)).toMatchObject({ ok: false, error: { code: 'locked' } });
		await send(fLive, 'board.lock', { commandId: cmd(), locked: false });
		await eventually(() => latest.get(paul)?.locked === false, 'unlocked');
		expect(await place(fLive, 50)).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('facilitators') } });
		await new Promise((r) => setTimeout(r, 200));
		expect(markers('reperes').find((m) => m.participantId === ids.paul)?.value).toBe(80);
		expect(markers('reperes')).toHaveLength(2);
	});

	test('an observer is refused', async () => {
		const page = await (await peopleAction(server.url, workshop.id, 'observer', {}, facilitator)).text();
		const path = /\/o\/[a-z2-7]+/.exec(page)?.[0];
		const opened = await fetch(`${server.url}${path}`, { redirect: 'manual' });
		const observer = await watch(cookieFrom(opened, /^concerto_o_/));
		expect(await place(observer, 40)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		observer.close();
		expect(markers('reperes')).toHaveLength(2);
	});

	test('a phase without poles gets the default pair; its scale is its own', async () => {
		await send(fLive, 'phase.skip', { commandId: cmd() });
		await eventually(() => readScale(watcher.doc, 'defaut') !== null, 'the second scale');
		expect(readScale(watcher.doc, 'defaut')).toMatchObject({ leftPole: 'Relation idéale', rightPole: 'Relation chaotique', markers: [] });
		expect(await place(paul, 60)).toMatchObject({ ok: true, value: { scaleId: 'defaut' } });
		await eventually(() => markers('defaut').length === 1, 'the marker on the second scale');
		expect(markers('reperes')).toHaveLength(2);
	});

	test('new poles saved in the agenda reach the scale of the phase that is on, markers kept', async () => {
		const renamed = agenda.map((p) => (p.id === 'defaut' ? { ...p, settings: { leftPole: 'Confiance', rightPole: 'Méfiance' } } : p));
		expect(await send(fLive, 'agenda.save', { commandId: cmd(), phases: renamed })).toMatchObject({ ok: true });
		await eventually(() => readScale(watcher.doc, 'defaut')?.leftPole === 'Confiance', 'the new poles');
		expect(readScale(watcher.doc, 'defaut')).toMatchObject({ rightPole: 'Méfiance', markers: [{ participantId: ids.paul, value: 60 }] });
	});
});

describe('proxy entry', () => {
	test('a note a facilitator writes for someone without a phone reads back everywhere with its category and proxy flag; the name stays with facilitators', async () => {
		// What BoardState.add(text, { onBehalf }) writes, through the facilitator's own sync connection.
		const f = syncClient(server.url, workshop.id, { cookie: facilitator });
		await f.synced;
		insertNote(f.doc, {
			id: 'proxy-note-0001',
			text: 'Le guichet ferme trop tôt',
			x: 40,
			y: 40,
			color: 'yellow',
			authorId: '',
			authorCategory: 'elu',
			createdAt: Date.now(),
			updatedAt: Date.now(),
			proxy: {}
		});
		await eventually(() => readNotes(watcher.doc).some((n) => n.id === 'proxy-note-0001'), 'the proxy note on another screen');
		expect(readNotes(watcher.doc).find((n) => n.id === 'proxy-note-0001')).toMatchObject({ authorCategory: 'elu', authorId: '', proxy: {} });

		// The name goes to the server; facilitators' sockets hear it, participants' never do.
		const heardByFacilitator = new Promise<Record<string, string>>((resolve) => fLive.on('proxy.names', (names: Record<string, string>) => names['proxy-note-0001'] && resolve(names)));
		let heardByPhone = false;
		fatima.on('proxy.names', () => (heardByPhone = true));
		expect(await send(fatima, 'note.proxyName', { commandId: cmd(), noteId: 'proxy-note-0001', name: 'Intrus' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(await send(fLive, 'note.proxyName', { commandId: cmd(), noteId: 'not-a-proxy', name: 'M. Weber' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
		expect(await send(fLive, 'note.proxyName', { commandId: cmd(), noteId: 'proxy-note-0001', name: 'M. Weber' })).toMatchObject({ ok: true });
		expect(await heardByFacilitator).toEqual({ 'proxy-note-0001': 'M. Weber' });
		// Nothing of it in the document every phone receives.
		const phoneDoc = JSON.stringify(readNotes(watcher.doc));
		expect(phoneDoc).not.toContain('Weber');
		expect(heardByPhone).toBe(false);
		f.destroy();
	});
});
