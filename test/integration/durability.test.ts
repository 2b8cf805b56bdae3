import { afterAll, describe, expect, test } from 'vitest';
import { freePort, migratedDataDir, startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { syncClient, liveClient, connected, send, eventually } from '../helpers/clients.ts';
import { createWorkshop, joinAs, signUp } from '../helpers/http.ts';
import { createTestDatabaseUrl } from '../helpers/databases.ts';
import { insertNote, readNotes } from '../../src/lib/domain/board/notes.ts';
import { openDatabase } from '../../server/db/open.ts';

const COMMIT_WINDOW_MS = 20;
/** The burst ends with a kill once this many commands are acknowledged (an event, not a time: a busy machine only slows it). */
const ACKS_BEFORE_KILL = 40;

interface Engine {
	name: string;
	setup(): Promise<{ options: { databaseUrl?: string; dataDir: string }; cleanup(): Promise<void> }>;
}

const engines: Engine[] = [
	{
		name: 'pglite',
		async setup() {
			const dataDir = await migratedDataDir();
			return { options: { dataDir }, cleanup: async () => removeDir(dataDir) };
		}
	}
];
if (process.env.DATABASE_URL) {
	engines.push({
		name: 'postgres',
		async setup() {
			const db = await createTestDatabaseUrl();
			const dataDir = await migratedDataDir();
			return {
				options: { databaseUrl: db.url, dataDir },
				cleanup: async () => {
					await db.drop();
					removeDir(dataDir);
				}
			};
		}
	});
} else {
	console.warn('PostgreSQL durability test skipped: set DATABASE_URL to run it');
}

const NO_LIMITS = { CONCERTO_NOTES_PER_MINUTE: '1000000', CONCERTO_LIVE_COMMANDS_PER_SECOND: '100000', CONCERTO_SYNC_MESSAGES_PER_SECOND: '100000' };

const servers: RunningServer[] = [];
afterAll(async () => {
	for (const s of servers) await s.kill('SIGKILL');
});

describe.each(engines)('durability on $name', (engine) => {
	test('SIGKILL during a burst loses nothing acknowledged; an open editor re-sends its newer edits', async () => {
		const { options, cleanup } = await engine.setup();
		const port = await freePort();
		// Limits lifted: this burst is far beyond what one participant may send.
		const env = { CONCERTO_COMMIT_WINDOW_MS: String(COMMIT_WINDOW_MS), ...NO_LIMITS };
		const first = await startServer({ ...options, port, env });
		servers.push(first);
		const facilitator = await signUp(first.url);
		const workshop = await createWorkshop(first.url, facilitator, 'Crash test');
		const participant = await joinAs(first.url, workshop.joinCode, 'Anonyme', 'usager');

		const keptOpen = syncClient(first.url, workshop.id, { cookie: facilitator });
		const closedAtKill = syncClient(first.url, workshop.id, { cookie: facilitator });
		// A third connection sees each editor's note once the server has applied and broadcast it.
		const watcher = syncClient(first.url, workshop.id, { cookie: facilitator });
		const live = liveClient(first.url, workshop.id, { cookie: participant });
		await Promise.all([keptOpen.synced, closedAtKill.synced, watcher.synced, connected(live)]);
		const seenAt = new Map<string, number>();
		watcher.doc.getMap('notes').observe((event) => {
			const now = performance.now();
			for (const id of event.keysChanged) if (!seenAt.has(id)) seenAt.set(id, now);
		});

		// Burst: participants' commands in waves, and both editors writing every few ms.
		// Each acknowledged command remembers when it was sent: the update log stores in the
		// order the server applied, so every edit the server had applied before that moment is
		// stored by the time the command is acknowledged.
		const acked: Array<{ id: string; sentAt: number }> = [];
		const editorWrites: string[] = [];
		let running = true;
		let n = 0;
		let enoughAcks: () => void = () => {};
		const burstDone = new Promise<void>((resolve) => (enoughAcks = resolve));
		// The kill waits for enough acknowledgements and for an editor's note that the server had
		// applied before one of them was sent: on a busy machine the acks can come before the
		// editors' first notes went round, and the check below would then have nothing to check.
		const readyToKill = () => {
			if (acked.length < ACKS_BEFORE_KILL) return false;
			const lastSent = Math.max(...acked.map((a) => a.sentAt));
			return editorWrites.some((id) => (seenAt.get(id) ?? Infinity) < lastSent);
		};
		const commands = (async () => {
			while (running) {
				const wave = Array.from({ length: 10 }, () => `cmd-burst-${String(n++).padStart(5, '0')}`);
				await Promise.all(
					wave.map(async (commandId) => {
						const sentAt = performance.now();
						try {
							const r = await send(live, 'note.add', { commandId, text: `Idée ${commandId}` }, 3000);
							if (r.ok) acked.push({ id: commandId, sentAt });
						} catch {
							/* no ack: the server died first; not promised */
						}
						if (readyToKill()) enoughAcks();
					})
				);
			}
		})();
		let e = 0;
		const edits = setInterval(() => {
			for (const c of [keptOpen, closedAtKill]) {
				const id = `edit-${c === keptOpen ? 'open' : 'closed'}-${e++}`;
				insertNote(c.doc, { id, text: id, x: 1, y: 1, color: 'green', authorId: 'f', authorCategory: 'facilitator', createdAt: Date.now(), updatedAt: Date.now() });
				editorWrites.push(id);
			}
		}, 5);

		await burstDone;
		await first.kill('SIGKILL');
		running = false;
		clearInterval(edits);
		closedAtKill.destroy();
		watcher.destroy();
		keptOpen.provider.disconnect();
		await commands;
		live.close();
		expect(acked.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);

		const second = await startServer({ ...options, port, env });
		servers.push(second);
		const check = syncClient(second.url, workshop.id, { cookie: facilitator });
		await check.synced;
		const ids = new Set(readNotes(check.doc).map((x) => x.id));
		const lostCommands = acked.map((a) => a.id).filter((id) => !ids.has(id));
		expect(lostCommands, 'acknowledged commands lost').toEqual([]);
		const lastStoredMark = Math.max(...acked.map((a) => a.sentAt));
		const storedEdits = editorWrites.filter((id) => (seenAt.get(id) ?? Infinity) < lastStoredMark);
		expect(storedEdits.length, 'editor edits applied before the last acknowledged command').toBeGreaterThan(0);
		expect(storedEdits.filter((id) => !ids.has(id)), 'editor edits applied before an acknowledged command lost').toEqual([]);
		check.destroy();

		// The editor left open reconnects and sends back what the server had not stored.
		keptOpen.provider.connect();
		const expected = readNotes(keptOpen.doc).map((x) => x.id);
		const after = syncClient(second.url, workshop.id, { cookie: facilitator });
		await after.synced;
		await eventually(() => expected.every((id) => readNotes(after.doc).some((x) => x.id === id)), 'every note of the open editor on the server');
		const storedBurst = readNotes(after.doc)
			.map((x) => x.id)
			.filter((id) => id.startsWith('cmd-burst-'));
		keptOpen.destroy();
		after.destroy();
		await second.kill();

		// Every stored note has its command's record beside it, even the one the kill caught
		// between the two: otherwise someone else could claim its id (an anonymous note's author
		// is its record's actor). Read straight from the database, the server stopped.
		const db = await openDatabase({ databaseUrl: options.databaseUrl ?? null, dataDir: options.dataDir });
		try {
			const rows = await db.query<{ command_id: string }>('SELECT command_id FROM live_command WHERE workshop_id = $1', [workshop.id]);
			const recorded = new Set(rows.map((r) => r.command_id));
			expect(storedBurst.filter((id) => !recorded.has(id)), 'stored notes without their command record').toEqual([]);
		} finally {
			await db.close();
		}
		await cleanup();
	});
});

describe('graceful shutdown', () => {
	test('SIGTERM stores edits still inside a long commit window before exiting', async () => {
		const dataDir = await migratedDataDir();
		const port = await freePort();
		const env = { CONCERTO_COMMIT_WINDOW_MS: '10000' };
		const first = await startServer({ dataDir, port, env });
		servers.push(first);
		const facilitator = await signUp(first.url);
		const workshop = await createWorkshop(first.url, facilitator, 'Arrêt propre');
		const editor = syncClient(first.url, workshop.id, { cookie: facilitator });
		const watcher = syncClient(first.url, workshop.id, { cookie: facilitator });
		await Promise.all([editor.synced, watcher.synced]);
		for (let i = 0; i < 20; i++)
			insertNote(editor.doc, { id: `late-${i}`, text: `late ${i}`, x: 0, y: 0, color: 'pink', authorId: 'f', authorCategory: 'facilitator', createdAt: i, updatedAt: i });
		await eventually(() => readNotes(watcher.doc).length === 20, 'the server received every edit');
		// Clients stay connected: the save must come from the shutdown, not from the last one leaving.
		await first.kill('SIGTERM');
		expect(first.output()).toMatch(/shutting down/);
		editor.destroy();
		watcher.destroy();

		const second = await startServer({ dataDir, port, env });
		servers.push(second);
		const check = syncClient(second.url, workshop.id, { cookie: facilitator });
		await check.synced;
		expect(readNotes(check.doc).map((n) => n.id).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `late-${i}`).sort());
		check.destroy();
		await second.kill();
		removeDir(dataDir);
	});
});
