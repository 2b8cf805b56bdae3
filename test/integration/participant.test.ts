import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { syncClient, liveClient, connected, send, eventually, rawSync } from '../helpers/clients.ts';
import { createWorkshop, joinAs, signUp } from '../helpers/http.ts';
import { insertNote, notesOf, readNotes } from '../../src/lib/domain/board/notes.ts';
import type { NoteAddResult } from '../../src/lib/protocol/live.ts';

let server: RunningServer;
let facilitator: string;
let workshop: { id: string; joinCode: string };
let participant: string;

beforeAll(async () => {
	server = await startServer();
	facilitator = await signUp(server.url);
	workshop = await createWorkshop(server.url, facilitator, 'Relations usagers');
	participant = await joinAs(server.url, workshop.joinCode, 'Fatima', 'usager');
});
afterAll(async () => {
	await server?.kill();
	if (server) removeDir(server.dataDir);
});

function updateMessage(update: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0);
	syncProtocol.writeUpdate(e, update);
	return encoding.toUint8Array(e);
}

describe('participant: read-only sync, writes through /live', () => {
	test('a participant deleting a note through the sync channel changes nothing', async () => {
		const f = syncClient(server.url, workshop.id, { cookie: facilitator });
		await f.synced;
		insertNote(f.doc, {
			id: 'keep-me',
			text: 'Accueil téléphonique saturé',
			x: 0,
			y: 0,
			color: 'blue',
			authorId: 'f',
			authorCategory: 'facilitator',
			createdAt: 1,
			updatedAt: 1
		});
		const p = syncClient(server.url, workshop.id, { cookie: participant });
		await p.synced;
		await eventually(() => readNotes(p.doc).length >= 1, 'participant sees the note');

		// The unmodified provider sends the participant's local delete as an update message…
		notesOf(p.doc).delete('keep-me');
		// …and a hand-made one, straight on a raw socket, in case a client skips the provider.
		const forged = new Y.Doc();
		Y.applyUpdate(forged, Y.encodeStateAsUpdate(f.doc));
		const before = Y.encodeStateVector(forged);
		notesOf(forged).delete('keep-me');
		const raw = await rawSync(`${server.url.replace('http', 'ws')}/sync/${workshop.id}`, {
			origin: server.url,
			cookie: participant
		});
		if (!raw.opened) throw new Error('participant sync refused');
		raw.ws.send(updateMessage(Y.encodeStateAsUpdate(forged, before)));

		await new Promise((r) => setTimeout(r, 400));
		expect(readNotes(f.doc).map((n) => n.id)).toContain('keep-me');
		const fresh = syncClient(server.url, workshop.id, { cookie: facilitator });
		await fresh.synced;
		expect(readNotes(fresh.doc).map((n) => n.id)).toContain('keep-me');
		raw.ws.close();
		for (const c of [f, p, fresh]) c.destroy();
	});

	test('note.add through /live appears on every client, with the session’s category', async () => {
		const f = syncClient(server.url, workshop.id, { cookie: facilitator });
		const p = syncClient(server.url, workshop.id, { cookie: participant });
		await Promise.all([f.synced, p.synced]);
		const live = liveClient(server.url, workshop.id, { cookie: participant });
		await connected(live);
		const res = await send<NoteAddResult>(live, 'note.add', { commandId: 'cmd-add-0001', text: 'Plus de permanences le soir' });
		expect(res).toEqual({ ok: true, value: { noteId: 'cmd-add-0001' } });
		for (const c of [f, p]) {
			await eventually(() => readNotes(c.doc).some((n) => n.text === 'Plus de permanences le soir'), 'note on every client');
		}
		const n = readNotes(f.doc).find((x) => x.id === 'cmd-add-0001')!;
		expect(n.authorCategory).toBe('usager');
		live.close();
		f.destroy();
		p.destroy();
	});

	test('the same note.add sent twice with the same id adds one note', async () => {
		const live = liveClient(server.url, workshop.id, { cookie: participant });
		await connected(live);
		const input = { commandId: 'cmd-twice-0001', text: 'Formulaires en langage clair' };
		const [r1, r2] = await Promise.all([send(live, 'note.add', input), send(live, 'note.add', input)]);
		const r3 = await send(live, 'note.add', input);
		expect([r1, r2, r3]).toEqual(Array(3).fill({ ok: true, value: { noteId: 'cmd-twice-0001' } }));
		const f = syncClient(server.url, workshop.id, { cookie: facilitator });
		await f.synced;
		expect(readNotes(f.doc).filter((n) => n.text === 'Formulaires en langage clair')).toHaveLength(1);
		live.close();
		f.destroy();
	});

	test('bad commands get a clear error and change nothing', async () => {
		const live = liveClient(server.url, workshop.id, { cookie: participant });
		await connected(live);
		const f = syncClient(server.url, workshop.id, { cookie: facilitator });
		await f.synced;
		const count = readNotes(f.doc).length;
		const cases: Array<[string, unknown, string]> = [
			['note.add', { commandId: 'short', text: 'x' }, 'invalid_input'],
			['note.add', { commandId: 'cmd-bad-0001', text: '   ' }, 'invalid_input'],
			['note.add', { commandId: 'cmd-bad-0002', text: 'x'.repeat(501) }, 'invalid_input'],
			['note.add', { commandId: 'cmd-bad-0003', text: 'ok', extra: 1 }, 'invalid_input'],
			['note.add', 'not an object', 'invalid_input'],
			['note.delete.everything', { commandId: 'cmd-bad-0004' }, 'invalid_input']
		];
		for (const [event, input, code] of cases) {
			const res = await send(live, event, input);
			expect(res.ok, `${event} ${JSON.stringify(input).slice(0, 40)}`).toBe(false);
			if (!res.ok) expect(res.error.code).toBe(code);
		}
		// Another participant cannot hijack an existing note id.
		const other = await joinAs(server.url, workshop.joinCode, 'Paul', 'agent');
		const live2 = liveClient(server.url, workshop.id, { cookie: other });
		await connected(live2);
		const hijack = await send(live2, 'note.add', { commandId: 'cmd-add-0001', text: 'remplacé' });
		expect(hijack).toMatchObject({ ok: false, error: { code: 'conflict' } });
		await new Promise((r) => setTimeout(r, 200));
		expect(readNotes(f.doc)).toHaveLength(count);
		live.close();
		live2.close();
		f.destroy();
	});

	test('the live handshake refuses a missing session and a foreign origin', async () => {
		const anon = liveClient(server.url, workshop.id, { cookie: '' });
		await expect(connected(anon)).rejects.toMatchObject({ data: { code: 'unauthorized' } });
		const evil = liveClient(server.url, workshop.id, { cookie: participant, origin: 'https://evil.example' });
		await expect(connected(evil)).rejects.toThrow();
		anon.close();
		evil.close();
	});
});
