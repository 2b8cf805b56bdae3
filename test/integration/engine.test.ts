import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { syncClient, liveClient, connected, send, eventually } from '../helpers/clients.ts';
import { createWorkshop, joinAs, signUp } from '../helpers/http.ts';
import { readNotes } from '../../src/lib/domain/board/notes.ts';
import type { Phase } from '../../src/lib/domain/agenda/phase.ts';
import type { HiddenNote, WorkshopState } from '../../src/lib/protocol/live.ts';
import { translator } from '../../src/lib/i18n/index.ts';

const MIN = 60_000;
let server: RunningServer;
let facilitator: string;
let workshop: { id: string; joinCode: string };
let fLive: Socket;
let pLive: Socket;
const latest = new Map<Socket, WorkshopState>();
const hidden = new Map<Socket, HiddenNote[]>();
let ids = 0;
const cmd = () => `engine-${Date.now()}-${ids++}`;

const agenda: Phase[] = [
	{ id: 'accueil', type: 'welcome', title: 'Accueil', minutes: 10, instructions: 'Bienvenue', settings: {} },
	{ id: 'reactions', type: 'ideation', title: 'Premières réactions', minutes: 15, instructions: 'Une idée par post-it', settings: { silent: true } },
	{ id: 'anonyme', type: 'ideation', title: 'Irritants', minutes: 10, instructions: '', settings: { anonymous: true } },
	{ id: 'pause', type: 'break', title: 'Pause', minutes: 15, instructions: '', settings: {} }
];

/** A live socket that remembers the last state and hidden notes it was sent. */
async function watch(cookie: string): Promise<Socket> {
	const s = liveClient(server.url, workshop.id, { cookie });
	s.on('workshop.state', (st: WorkshopState) => latest.set(s, st));
	s.on('notes.hidden', (n: HiddenNote[]) => hidden.set(s, n));
	await connected(s);
	await eventually(() => latest.has(s), 'the state on connect');
	return s;
}
const stateOf = (s: Socket) => latest.get(s)!;

beforeAll(async () => {
	server = await startServer();
	facilitator = await signUp(server.url);
	workshop = await createWorkshop(server.url, facilitator, 'Crash-test du formulaire');
	fLive = await watch(facilitator);
	pLive = await watch(await joinAs(server.url, workshop.joinCode, 'Fatima', 'usager'));
	expect(await send(fLive, 'agenda.save', { commandId: cmd(), phases: agenda })).toEqual({ ok: true, value: { ok: true } });
	await eventually(() => stateOf(pLive).phases.length === 4 && stateOf(fLive).phases.length === 4, 'the agenda pushed to both');
});
afterAll(async () => {
	fLive?.close();
	pLive?.close();
	await server?.kill();
	if (server) removeDir(server.dataDir);
});

describe('workshop engine over /live', () => {
	test('a participant’s socket emitting facilitator commands gets forbidden and nothing changes', async () => {
		const before = JSON.stringify({ ...stateOf(fLive), serverNow: 0 });
		for (const [event, input] of [
			['phase.start', {}],
			['phase.skip', {}],
			['phase.back', {}],
			['phase.pause', {}],
			['phase.extend', { minutes: 5 }],
			['phase.reveal', {}],
			['board.lock', { locked: true }],
			['room.attention', {}],
			['agenda.save', { phases: [] }]
		] as const) {
			const res = await send(pLive, event, { commandId: cmd(), ...input });
			expect(res, event).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		}
		await new Promise((r) => setTimeout(r, 200));
		const fresh = await watch(facilitator);
		expect(JSON.stringify({ ...stateOf(fresh), serverNow: 0 })).toBe(before);
		fresh.close();
	});

	test('start pushes the running phase and its end time to everyone; a late joiner gets the same end time', async () => {
		const t0 = Date.now();
		expect(await send(fLive, 'phase.start', { commandId: cmd() })).toMatchObject({ ok: true });
		await eventually(() => stateOf(pLive).timer.status === 'running', 'running on the participant');
		const { timer } = stateOf(pLive);
		expect(timer.phase).toBe('accueil');
		expect(timer.endsAt! - t0).toBeGreaterThanOrEqual(10 * MIN - 1000);
		expect(timer.endsAt! - t0).toBeLessThanOrEqual(10 * MIN + 1000);
		const late = await watch(await joinAs(server.url, workshop.joinCode, 'Paul', 'elu'));
		expect(stateOf(late).timer.endsAt).toBe(timer.endsAt);
		expect(stateOf(late).phases[0].startedAt).not.toBeNull();
		late.close();
		// A second start is a clear conflict, not a restart.
		expect(await send(fLive, 'phase.start', { commandId: cmd() })).toMatchObject({ ok: false, error: { code: 'conflict' } });
	});

	test('no notes during the welcome; +5 min, pause and resume move the end time', async () => {
		expect(await send(pLive, 'note.add', { commandId: cmd(), text: 'trop tôt' })).toMatchObject({ ok: false, error: { code: 'phase_closed' } });
		const before = stateOf(pLive).timer.endsAt!;
		await send(fLive, 'phase.extend', { commandId: cmd(), minutes: 5 });
		await eventually(() => stateOf(pLive).timer.endsAt === before + 5 * MIN, '+5 min');
		await send(fLive, 'phase.pause', { commandId: cmd() });
		await eventually(() => stateOf(pLive).timer.status === 'paused', 'paused');
		expect(stateOf(pLive).timer.remainingMs).toBeGreaterThan(14 * MIN);
		await send(fLive, 'phase.resume', { commandId: cmd() });
		await eventually(() => stateOf(pLive).timer.status === 'running', 'resumed');
	});

	test('a silent phase keeps participants’ notes off every screen but their author’s until reveal', async () => {
		await send(fLive, 'phase.skip', { commandId: cmd() });
		await eventually(() => stateOf(pLive).timer.phase === 'reactions', 'the silent phase');
		const watcher = syncClient(server.url, workshop.id, { cookie: facilitator });
		await watcher.synced;
		const res = await send(pLive, 'note.add', { commandId: cmd(), text: 'Le formulaire demande trois fois l’adresse' });
		expect(res).toMatchObject({ ok: true, value: { hidden: true } });
		await eventually(() => (hidden.get(pLive) ?? []).length === 1, 'the author sees their hidden note');
		await eventually(() => stateOf(fLive).hiddenNotes === 1, 'the count of hidden notes');
		// Every phone sees how many ideas wait ("1 idée en attente du dévoilement"), never their text.
		const neighbour = await watch(await joinAs(server.url, workshop.joinCode, 'Voisine', 'agent'));
		await eventually(() => stateOf(neighbour).hiddenNotes === 1 && stateOf(pLive).hiddenNotes === 1, 'the count on the phones');
		expect(hidden.get(neighbour) ?? []).toEqual([]);
		const second = await send(pLive, 'note.add', { commandId: cmd(), text: 'Aucun accusé de réception' });
		expect(second).toMatchObject({ ok: true, value: { hidden: true } });
		await eventually(() => stateOf(neighbour).hiddenNotes === 2, 'the count follows on the phones');
		neighbour.close();
		await new Promise((r) => setTimeout(r, 300));
		expect(readNotes(watcher.doc).map((n) => n.text)).not.toContain('Le formulaire demande trois fois l’adresse');

		expect(await send(fLive, 'phase.reveal', { commandId: cmd() })).toEqual({ ok: true, value: { revealed: 2 } });
		await eventually(() => readNotes(watcher.doc).some((n) => n.text === 'Le formulaire demande trois fois l’adresse'), 'revealed into the document');
		await eventually(() => (hidden.get(pLive) ?? []).length === 0, 'no hidden note left');
		await eventually(() => stateOf(fLive).hiddenNotes === 0, 'count back to 0');
		// After reveal, notes of the same phase go straight to the board.
		expect(await send(pLive, 'note.add', { commandId: cmd(), text: 'Pas de brouillon' })).toMatchObject({ ok: true, value: { noteId: expect.any(String) } });
		await eventually(() => readNotes(watcher.doc).some((n) => n.text === 'Pas de brouillon'), 'written at once after reveal');
		watcher.destroy();
	});

	test('an anonymous phase writes the category, never the author', async () => {
		await send(fLive, 'phase.skip', { commandId: cmd() });
		await eventually(() => stateOf(pLive).timer.phase === 'anonyme', 'the anonymous phase');
		const noteCommand = cmd();
		const res = await send(pLive, 'note.add', { commandId: noteCommand, text: 'On ne sait jamais qui appeler' });
		expect(res).toMatchObject({ ok: true });
		const watcher = syncClient(server.url, workshop.id, { cookie: facilitator });
		await watcher.synced;
		const note = readNotes(watcher.doc).find((n) => n.text === 'On ne sait jamais qui appeler')!;
		expect(note).toMatchObject({ authorId: '', authorCategory: 'usager', anonymous: true });
		// Nobody else can take the anonymous note's id as their own command, and so become its author.
		const other = await watch(await joinAs(server.url, workshop.joinCode, 'Intrus', 'agent'));
		expect(await send(other, 'note.add', { commandId: note.id, text: 'à moi' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
		expect(await send(other, 'note.edit', { commandId: cmd(), noteId: note.id, text: 'à moi' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		// Its author's retry is answered as the first time.
		expect(await send(pLive, 'note.add', { commandId: noteCommand, text: 'On ne sait jamais qui appeler' })).toEqual(res);
		other.close();
		watcher.destroy();
	});

	test('a locked board refuses participants until unlocked', async () => {
		await send(fLive, 'board.lock', { commandId: cmd(), locked: true });
		await eventually(() => stateOf(pLive).locked, 'locked pushed');
		expect(await send(pLive, 'note.add', { commandId: cmd(), text: 'verrouillé ?' })).toMatchObject({ ok: false, error: { code: 'locked' } });
		await send(fLive, 'board.lock', { commandId: cmd(), locked: false });
		await eventually(() => !stateOf(pLive).locked, 'unlocked pushed');
		expect(await send(pLive, 'note.add', { commandId: cmd(), text: 'déverrouillé' })).toMatchObject({ ok: true });
	});

	test('the agenda is edited live; the phase that is on cannot be removed; everyone is asked to look', async () => {
		const on = stateOf(fLive).timer.phase;
		const without = agenda.filter((p) => p.id !== on);
		expect(await send(fLive, 'agenda.save', { commandId: cmd(), phases: without })).toMatchObject({ ok: false, error: { code: 'conflict' } });
		const shortened = [...agenda.slice(0, 3), { ...agenda[3], minutes: 5 }, { id: 'decisions', type: 'decisions', title: 'Décisions', minutes: 20, instructions: '', settings: {} }];
		expect(await send(fLive, 'agenda.save', { commandId: cmd(), phases: shortened })).toMatchObject({ ok: true });
		await eventually(() => stateOf(pLive).phases.length === 5 && stateOf(pLive).phases[3].minutes === 5, 'the new agenda');
		expect(await send(fLive, 'agenda.save', { commandId: cmd(), phases: [agenda[0], agenda[0]] })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		const look = new Promise((resolve) => pLive.once('room.attention', resolve));
		await send(fLive, 'room.attention', { commandId: cmd() });
		await expect(look).resolves.toMatchObject({ at: expect.any(Number) });
	});

	test('skipping past the last phase ends the workshop: no more notes; going back reopens it', async () => {
		for (let i = 0; i < 3; i++) await send(fLive, 'phase.skip', { commandId: cmd() });
		await eventually(() => stateOf(pLive).timer.status === 'ended', 'ended');
		expect(await send(pLive, 'note.add', { commandId: cmd(), text: 'après la fin' })).toMatchObject({ ok: false, error: { code: 'phase_closed' } });
		// The same join link now opens the restitution notice instead of the join form.
		const joinPage = async () => (await fetch(`${server.url}/j/${workshop.joinCode}`, { headers: { 'accept-language': 'fr' } })).text();
		expect(await joinPage()).toContain(translator('fr')('join.ended.text'));
		await send(fLive, 'phase.back', { commandId: cmd() });
		await eventually(() => stateOf(pLive).timer.status === 'running' && stateOf(pLive).timer.phase === 'decisions', 'reopened');
		const actual = stateOf(pLive).phases.filter((p) => p.startedAt !== null).map((p) => p.id);
		expect(actual).toEqual(['accueil', 'reactions', 'anonyme', 'pause', 'decisions']);
		expect(await joinPage()).not.toContain(translator('fr')('join.ended.text'));
	});
});
