import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { syncClient, liveClient, connected, send, eventually } from '../helpers/clients.ts';
import { createWorkshop, joinAs, signUp } from '../helpers/http.ts';
import { readNotes } from '../../src/lib/domain/board/notes.ts';
import type { Phase } from '../../src/lib/domain/agenda/phase.ts';
import type { BoardVersionView } from '../../src/lib/domain/board/versions.ts';
import type { VersionRestoreResult } from '../../src/lib/protocol/live.ts';

/**
 * Version history through the built server: versions saved at a phase's end and while the
 * board changes, restored by a facilitator over live, seen by an unmodified y-websocket client.
 */
let server: RunningServer;
let facilitator: string;
let workshop: { id: string; joinCode: string };
let fLive: Socket;
let pLive: Socket;
let watcher: ReturnType<typeof syncClient>;
const versionPushes = { facilitator: 0, participant: 0 };
let ids = 0;
const cmd = () => `versions-${Date.now()}-${ids++}`;

const agenda: Phase[] = [
	{ id: 'idees', type: 'ideation', title: 'Idées', minutes: 15, instructions: '', settings: {} },
	{ id: 'tri', type: 'ideation', title: 'Tri', minutes: 10, instructions: '', settings: {} }
];

const board = () =>
	readNotes(watcher.doc)
		.map((n) => `${n.id}:${n.text}`)
		.sort();
const list = async (socket = fLive) => {
	const res = await send<BoardVersionView[]>(socket, 'version.list', { commandId: cmd() });
	if (!res.ok) throw new Error(res.error.message);
	return res.value;
};
async function addNote(text: string): Promise<string> {
	const res = await send<{ noteId: string }>(fLive, 'note.add', { commandId: cmd(), text });
	if (!res.ok) throw new Error(res.error.message);
	await eventually(() => readNotes(watcher.doc).some((n) => n.id === res.value.noteId), `note ${text} on the board`);
	return res.value.noteId;
}

beforeAll(async () => {
	// Versions every 1.2 s while the board changes, so the periodic save shows within the test.
	server = await startServer({ env: { CONCERTO_VERSION_EVERY_MINUTES: '0.02' } });
	facilitator = await signUp(server.url);
	workshop = await createWorkshop(server.url, facilitator, 'Historique du tableau');
	fLive = liveClient(server.url, workshop.id, { cookie: facilitator });
	await connected(fLive);
	pLive = liveClient(server.url, workshop.id, { cookie: await joinAs(server.url, workshop.joinCode, 'Fatima', 'usager') });
	await connected(pLive);
	fLive.on('versions.changed', () => versionPushes.facilitator++);
	pLive.on('versions.changed', () => versionPushes.participant++);
	watcher = syncClient(server.url, workshop.id, { cookie: facilitator });
	await watcher.synced;
	expect(await send(fLive, 'agenda.save', { commandId: cmd(), phases: agenda })).toMatchObject({ ok: true });
	expect(await send(fLive, 'phase.start', { commandId: cmd() })).toMatchObject({ ok: true });
}, 90_000);
afterAll(async () => {
	watcher?.destroy();
	fLive?.close();
	pLive?.close();
	await server?.kill();
	if (server) removeDir(server.dataDir);
});

describe('version history', () => {
	let atPhaseEnd: BoardVersionView;
	let phaseEndBoard: string[];
	let later: string[];

	test('starting on an empty board saves nothing; notes written make a periodic version', async () => {
		expect(await list()).toEqual([]);
		for (const text of ['Accueil trop long', 'Formulaire en ligne', 'Horaires']) await addNote(text);
		await eventually(() => versionPushes.facilitator > 0, 'a version saved while the board changes', 10_000);
		const periodic = await list();
		expect(periodic[0]).toMatchObject({ reason: 'periodic', phaseId: 'idees', label: 'Idées', noteCount: expect.any(Number) });
	});

	test('a phase change saves the board as the phase left it, labelled with that phase', async () => {
		phaseEndBoard = board();
		expect(await send(fLive, 'phase.skip', { commandId: cmd() })).toMatchObject({ ok: true });
		// Found by reason: a periodic save still under way may land next to it.
		atPhaseEnd = (await list()).find((v) => v.reason === 'phase')!;
		expect(atPhaseEnd).toMatchObject({ reason: 'phase', phaseId: 'idees', label: 'Idées', noteCount: 3 });
		expect(Math.abs(atPhaseEnd.createdAt - Date.now())).toBeLessThan(60_000);
		expect(phaseEndBoard).toHaveLength(3);
		// Only facilitators hear that the history changed.
		expect(versionPushes.participant).toBe(0);
	});

	test('restoring the phase’s version brings back exactly its notes on a connected client', async () => {
		const deleted = readNotes(watcher.doc).find((n) => n.text === 'Horaires')!;
		await addNote('Un guichet unique');
		expect(await send(fLive, 'note.delete', { commandId: cmd(), noteId: deleted.id })).toMatchObject({ ok: true });
		await eventually(() => board().length === 3 && !board().some((n) => n.endsWith(':Horaires')), 'the later board');
		later = board();

		const atRestore = await list();
		const res = await send<VersionRestoreResult>(fLive, 'version.restore', { commandId: cmd(), versionId: atPhaseEnd.id });
		if (!res.ok) throw new Error(res.error.message);
		expect(res.value.versionId).toBe(atPhaseEnd.id);
		// Acknowledged means stored and sent: the connected client already has the old board, exactly.
		await eventually(() => board().join() === phaseEndBoard.join(), 'the restored board');
		expect(board()).toEqual(phaseEndBoard);

		// The board before the restore was saved first, and is what the answer names to undo it.
		const after = await list();
		expect(after.length).toBeGreaterThan(atRestore.length);
		expect(after.find((v) => v.id === res.value.undoVersionId)).toMatchObject({ reason: 'before_restore', phaseId: 'tri', label: 'Tri', noteCount: 3 });

		// A client that connects now gets the restored board from the server.
		const fresh = syncClient(server.url, workshop.id, { cookie: facilitator });
		await fresh.synced;
		expect(readNotes(fresh.doc).map((n) => `${n.id}:${n.text}`).sort()).toEqual(board());
		fresh.destroy();

		// Undo: restoring the version saved just before brings the later board back.
		const undo = await send(fLive, 'version.restore', { commandId: cmd(), versionId: res.value.undoVersionId });
		expect(undo).toMatchObject({ ok: true });
		await eventually(() => board().join() === later.join(), 'the board before the restore');
	});

	test('a participant can neither list nor restore versions, and nothing changes', async () => {
		const before = board();
		const count = (await list()).length;
		expect(await send(pLive, 'version.restore', { commandId: cmd(), versionId: atPhaseEnd.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(await send(pLive, 'version.list', { commandId: cmd() })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		await new Promise((r) => setTimeout(r, 300));
		expect(board()).toEqual(before);
		expect(await list()).toHaveLength(count);
	});

	test('an unknown or malformed version id is a clear error', async () => {
		expect(await send(fLive, 'version.restore', { commandId: cmd(), versionId: 'aaaaaaaaaaaaaaaa' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
		expect(await send(fLive, 'version.restore', { commandId: cmd(), versionId: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		expect(await send(fLive, 'version.restore', { commandId: cmd() })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
	});
});
