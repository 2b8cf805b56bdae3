import { afterAll, describe, expect, test } from 'vitest';
import { startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { syncClient, liveClient, connected, send, eventually, eventuallyAsync } from '../helpers/clients.ts';
import { createWorkshop, joinAs, signUp } from '../helpers/http.ts';
import { postgresTools, startPrivatePostgres, type PrivatePostgres } from '../helpers/private-postgres.ts';
import { insertNote, readNotes } from '../../src/lib/domain/board/notes.ts';
import { aNote } from '../helpers/notes.ts';

/**
 * PostgreSQL restarted in the middle of a workshop, on a cluster of our own (the machine's
 * PostgreSQL is shared and must never be stopped). While it is away, Concerto keeps serving
 * the board from memory, queues editors' changes, answers not-ready, and never tells a
 * participant "stored" for a note it could not store; when it returns, the queue is flushed.
 */
const tools = postgresTools();
if (!tools) console.warn('PostgreSQL restart test skipped: initdb/pg_ctl are not installed (or, as root, there is no postgres user)');

const note = (id: string) => aNote(id);

let pg: PrivatePostgres | null = null;
const servers: RunningServer[] = [];
afterAll(async () => {
	for (const s of servers) {
		await s.kill('SIGKILL');
		removeDir(s.dataDir);
	}
	pg?.destroy();
});

async function status(url: string): Promise<number> {
	return (await fetch(url)).status;
}

describe.skipIf(!tools)('PostgreSQL restarted mid-workshop', () => {
	test('the board stays live, nothing unstored is acknowledged, queued edits are flushed on return', async () => {
		pg = await startPrivatePostgres();
		const server = await startServer({ databaseUrl: pg.url, env: { CONCERTO_COMMIT_WINDOW_MS: '20' } });
		servers.push(server);
		const facilitator = await signUp(server.url);
		const workshop = await createWorkshop(server.url, facilitator, 'Panne de base');
		const participant = await joinAs(server.url, workshop.joinCode, 'Léa', 'usager');

		const editorA = syncClient(server.url, workshop.id, { cookie: facilitator });
		const editorB = syncClient(server.url, workshop.id, { cookie: facilitator });
		const reader = syncClient(server.url, workshop.id, { cookie: participant });
		const live = liveClient(server.url, workshop.id, { cookie: participant });
		await Promise.all([editorA.synced, editorB.synced, reader.synced, connected(live)]);
		insertNote(editorA.doc, note('before'));
		expect(await send(live, 'note.add', { commandId: 'cmd-before-0001', text: 'Avant la panne' })).toMatchObject({ ok: true });
		expect(await status(`${server.url}/readyz`)).toBe(200);

		pg.stop();

		// Clients still converge live, from memory.
		for (let i = 0; i < 10; i++) insertNote(i % 2 ? editorA.doc : editorB.doc, note(`during-${i}`));
		const everywhere = (id: string) => [editorA, editorB, reader].every((c) => readNotes(c.doc).some((n) => n.id === id));
		await eventually(() => Array.from({ length: 10 }, (_, i) => `during-${i}`).every(everywhere), 'edits made during the outage on every client', 10_000);

		// Not ready while the database is away, yet alive.
		await eventuallyAsync(async () => (await status(`${server.url}/readyz`)) === 503, '/readyz 503', 10_000);
		expect(await status(`${server.url}/healthz`)).toBe(200);

		// A participant's note is not acknowledged as stored: a clear, retryable error instead.
		const during = { commandId: 'cmd-during-0001', text: 'Pendant la panne' };
		const refused = await send(live, 'note.add', during, 15_000);
		expect(refused).toMatchObject({ ok: false, error: { code: 'unavailable' } });

		// The editors' edits were due to be stored during the outage (after at most the editors'
		// group-commit window): that write failed and its batch waits for a retry.
		await eventually(() => /storing document updates failed; will retry/.test(server.output()), 'a failed write of the edits', 10_000);

		pg.start();
		await eventuallyAsync(async () => (await status(`${server.url}/readyz`)) === 200, '/readyz 200 after the database returns', 20_000);
		// The same command, retried, is now stored and acknowledged once.
		const retried = await send(live, 'note.add', during, 15_000);
		expect(retried).toEqual({ ok: true, value: { noteId: 'cmd-during-0001' } });
		insertNote(editorB.doc, note('after'));
		await eventually(() => everywhere('after') && everywhere('cmd-during-0001'), 'the retried note and a new edit everywhere', 10_000);
		// The queue is flushed by the retries, not by a shutdown: wait until nothing is left unstored.
		await eventuallyAsync(async () => {
			const metrics = await (await fetch(`${server.url}/metrics`)).text();
			return /^concerto_persistence_lag_seconds 0$/m.test(metrics);
		}, 'the update queue flushed', 20_000);
		expect(server.output()).toMatch(/storing document updates failed; will retry/);
		expect(server.output()).not.toMatch(/unhandled rejection|uncaught/i);

		// Kill -9 (no shutdown save) and drop the clients (no re-send): only what was stored survives.
		await server.kill('SIGKILL');
		for (const c of [editorA, editorB, reader]) c.destroy();
		live.close();
		const again = await startServer({ databaseUrl: pg.url });
		servers.push(again);
		const check = syncClient(again.url, workshop.id, { cookie: facilitator });
		await check.synced;
		const ids = readNotes(check.doc).map((n) => n.id);
		for (const id of ['before', 'cmd-before-0001', ...Array.from({ length: 10 }, (_, i) => `during-${i}`), 'cmd-during-0001', 'after'])
			expect(ids, `note ${id} after the restart`).toContain(id);
		expect(ids.filter((id) => id === 'cmd-during-0001')).toHaveLength(1);
		check.destroy();
		await again.kill();
	});
});
