import { afterAll, describe, expect, test } from 'vitest';
import { startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { syncClient, liveClient, connected, send, eventually, eventuallyAsync } from '../helpers/clients.ts';
import { createWorkshop, joinAs, signUp } from '../helpers/http.ts';
import { postgresTools, startPrivatePostgres, type PrivatePostgres } from '../helpers/private-postgres.ts';
import { redisServerPath, startPrivateRedis, type PrivateRedis } from '../helpers/private-redis.ts';
import { insertNote, readNotes } from '../../src/lib/domain/board/notes.ts';
import { aNote } from '../helpers/notes.ts';

/**
 * Redis killed under two instances (a private redis-server: the machine's one is shared). Each
 * instance goes on serving its own clients, sync and live, says that Redis is down on /readyz
 * and /metrics, and does not crash; when Redis returns, the instances reconnect and catch up
 * with each other. The two instances share a private PostgreSQL cluster.
 */
const missing = [!postgresTools() && 'initdb/pg_ctl (or a postgres user, as root)', !redisServerPath() && 'redis-server'].filter(Boolean);
if (missing.length) console.warn(`Redis-lost test skipped: ${missing.join(' and ')} not installed`);

const note = (id: string) => aNote(id);

let pg: PrivatePostgres | null = null;
let redis: PrivateRedis | null = null;
const servers: RunningServer[] = [];
afterAll(async () => {
	for (const s of servers) {
		await s.kill('SIGKILL');
		removeDir(s.dataDir);
	}
	await redis?.kill();
	pg?.destroy();
});

async function redisUp(server: RunningServer): Promise<string | undefined> {
	const metrics = await (await fetch(`${server.url}/metrics`)).text();
	return /^concerto_redis_up (\d)$/m.exec(metrics)?.[1];
}

describe.skipIf(missing.length > 0)('Redis lost under two instances', () => {
	test('each instance keeps serving its clients, reports Redis down, and catches up when it returns', async () => {
		pg = await startPrivatePostgres();
		redis = await startPrivateRedis();
		const env = { REDIS_URL: redis.url, CONCERTO_COMMIT_WINDOW_MS: '20' };
		const a = await startServer({ databaseUrl: pg.url, env });
		const b = await startServer({ databaseUrl: pg.url, env });
		servers.push(a, b);
		const facilitator = await signUp(a.url);
		const workshop = await createWorkshop(a.url, facilitator, 'Redis en panne');
		const participant = await joinAs(a.url, workshop.joinCode, 'Léa', 'usager');

		const onA1 = syncClient(a.url, workshop.id, { cookie: facilitator });
		const onA2 = syncClient(a.url, workshop.id, { cookie: participant });
		const onB = syncClient(b.url, workshop.id, { cookie: facilitator });
		const liveA = liveClient(a.url, workshop.id, { cookie: participant });
		await Promise.all([onA1.synced, onA2.synced, onB.synced, connected(liveA)]);
		expect(await redisUp(a)).toBe('1');
		insertNote(onB.doc, note('before'));
		await eventually(() => readNotes(onA2.doc).some((n) => n.id === 'before'), 'cross-instance edit before the outage', 10_000);

		await redis.kill();
		await eventuallyAsync(async () => (await redisUp(a)) === '0' && (await redisUp(b)) === '0', 'both instances report Redis down', 10_000);
		const ready = await fetch(`${a.url}/readyz`);
		// Still ready (it serves its own clients), and says what it lacks.
		expect(ready.status).toBe(200);
		expect(await ready.text()).toMatch(/redis unavailable/);
		expect(a.output()).toMatch(/redis lost/);

		// Sync and live keep working among the clients of instance A.
		insertNote(onA1.doc, note('during-sync'));
		const added = await send(liveA, 'note.add', { commandId: 'cmd-during-redis', text: 'Pendant la panne de Redis' });
		expect(added).toEqual({ ok: true, value: { noteId: 'cmd-during-redis' } });
		await eventually(
			() => ['during-sync', 'cmd-during-redis'].every((id) => readNotes(onA2.doc).some((n) => n.id === id)),
			'edits among instance A’s clients during the outage',
			10_000
		);
		insertNote(onB.doc, note('during-on-b'));
		// A workshop first opened while Redis is away must join the fan-out once it returns.
		const late = await createWorkshop(b.url, facilitator, 'Ouvert pendant la panne');
		const lateOnA = syncClient(a.url, late.id, { cookie: facilitator });
		const lateOnB = syncClient(b.url, late.id, { cookie: facilitator });
		await Promise.all([lateOnA.synced, lateOnB.synced]);

		await redis.start();
		await eventuallyAsync(async () => (await redisUp(a)) === '1' && (await redisUp(b)) === '1', 'both instances reconnected', 20_000);
		expect(await (await fetch(`${a.url}/readyz`)).text()).toMatch(/redis ok/);

		// Catch-up: what each side wrote during the outage reaches the other.
		const all = ['before', 'during-sync', 'cmd-during-redis', 'during-on-b'];
		await eventually(
			() => [onA1, onA2, onB].every((c) => all.every((id) => readNotes(c.doc).some((n) => n.id === id))),
			'both instances’ outage edits everywhere',
			10_000
		);
		insertNote(lateOnB.doc, note('late-after'));
		await eventually(() => readNotes(lateOnA.doc).some((n) => n.id === 'late-after'), 'the late workshop fans out after Redis returns', 10_000);

		for (const s of [a, b]) expect(s.output()).not.toMatch(/unhandled rejection|uncaught/i);
		for (const c of [onA1, onA2, onB, lateOnA, lateOnB]) c.destroy();
		liveA.close();
	});
});
