import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { syncClient, liveClient, connected, send, eventually, rawSync } from '../helpers/clients.ts';
import { createWorkshop, joinAs, signUp } from '../helpers/http.ts';
import { notesOf, readNotes } from '../../src/lib/domain/board/notes.ts';

let server: RunningServer;
let facilitator: string;
let workshop: { id: string; joinCode: string };
let fatima: string;
let paul: string;

beforeAll(async () => {
	server = await startServer();
	facilitator = await signUp(server.url);
	workshop = await createWorkshop(server.url, facilitator, 'Accueil en mairie');
	fatima = await joinAs(server.url, workshop.joinCode, 'Fatima', 'usager');
	paul = await joinAs(server.url, workshop.joinCode, 'Paul', 'agent');
});
afterAll(async () => {
	await server?.kill();
	if (server) removeDir(server.dataDir);
});

describe('a participant’s own notes', () => {
	test('its author edits, moves and deletes it through /live; everyone sees it', async () => {
		const live = liveClient(server.url, workshop.id, { cookie: fatima });
		await connected(live);
		const f = syncClient(server.url, workshop.id, { cookie: facilitator });
		await f.synced;
		await send(live, 'note.add', { commandId: 'own-note-0001', text: 'Horaires trop courts' });
		expect(await send(live, 'note.edit', { commandId: 'own-edit-0001', noteId: 'own-note-0001', text: 'Horaires trop courts le samedi' })).toEqual({
			ok: true,
			value: { noteId: 'own-note-0001' }
		});
		expect(await send(live, 'note.move', { commandId: 'own-move-0001', noteId: 'own-note-0001', x: 1200, y: 900 })).toMatchObject({ ok: true });
		await eventually(() => {
			const n = readNotes(f.doc).find((x) => x.id === 'own-note-0001');
			return n?.text === 'Horaires trop courts le samedi' && n.x === 1200 && n.y === 900;
		}, 'the edit and the move on the facilitator’s board');
		expect(await send(live, 'note.delete', { commandId: 'own-del-0001', noteId: 'own-note-0001' })).toMatchObject({ ok: true });
		await eventually(() => !readNotes(f.doc).some((x) => x.id === 'own-note-0001'), 'the deletion');
		live.close();
		f.destroy();
	});

	test('another participant cannot edit, move or delete it by any command or sync message', async () => {
		const mine = liveClient(server.url, workshop.id, { cookie: fatima });
		await connected(mine);
		await send(mine, 'note.add', { commandId: 'own-note-0002', text: 'Un guichet sans rendez-vous' });
		const f = syncClient(server.url, workshop.id, { cookie: facilitator });
		await f.synced;
		await eventually(() => readNotes(f.doc).some((n) => n.id === 'own-note-0002'), 'the note');
		const before = JSON.stringify(readNotes(f.doc));

		const other = liveClient(server.url, workshop.id, { cookie: paul });
		await connected(other);
		const forged: Array<[string, Record<string, unknown>]> = [
			['note.edit', { noteId: 'own-note-0002', text: 'remplacé' }],
			['note.move', { noteId: 'own-note-0002', x: 0, y: 0 }],
			['note.delete', { noteId: 'own-note-0002' }],
			['note.cluster', { noteId: 'own-note-0002', clusterId: null }],
			// Replaying the author's own command ids changes nothing either.
			['note.add', { commandId: 'own-note-0002', text: 'remplacé' }]
		];
		for (const [i, [event, input]] of forged.entries()) {
			const res = await send(other, event, { commandId: `forged-${i}-000`, ...input });
			expect(res.ok, event).toBe(false);
		}
		expect(await send(other, 'note.edit', { commandId: 'own-edit-0002', noteId: 'no-such-note', text: 'x' })).toMatchObject({
			ok: false,
			error: { code: 'not_found' }
		});

		// The same changes as raw Yjs updates on Paul's sync connection are dropped.
		const ws = await rawSync(`${server.url.replace('http', 'ws')}/sync/${workshop.id}`, { origin: server.url, cookie: paul });
		if (!ws.opened) throw new Error('participant sync refused');
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(f.doc));
		const vector = Y.encodeStateVector(copy);
		copy.transact(() => {
			notesOf(copy).get('own-note-0002')?.set('text', 'remplacé');
			notesOf(copy).get('own-note-0002')?.set('x', 0);
		});
		copy.transact(() => notesOf(copy).delete('own-note-0002'));
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, 0);
		syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(copy, vector));
		ws.ws.send(encoding.toUint8Array(e));

		await new Promise((r) => setTimeout(r, 500));
		expect(JSON.stringify(readNotes(f.doc))).toBe(before);
		const fresh = syncClient(server.url, workshop.id, { cookie: facilitator });
		await fresh.synced;
		expect(JSON.stringify(readNotes(fresh.doc))).toBe(before);
		ws.ws.close();
		mine.close();
		other.close();
		f.destroy();
		fresh.destroy();
	});
});
