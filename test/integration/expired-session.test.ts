import { afterAll, expect, test } from 'vitest';
import { migratedDataDir, startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { connected, liveClient, rawSync } from '../helpers/clients.ts';
import { createWorkshop, joinAs, signUp } from '../helpers/http.ts';
import { openPglite } from '../../server/db/pglite.ts';

let dataDir = '';
let server: RunningServer | null = null;
afterAll(async () => {
	await server?.kill();
	if (dataDir) removeDir(dataDir);
});

test('sessions that expired while the server was down are refused on sync (401) and /live, with a clear reason', async () => {
	dataDir = await migratedDataDir();
	server = await startServer({ dataDir });
	const facilitator = await signUp(server.url);
	const workshop = await createWorkshop(server.url, facilitator, 'Accueil en mairie');
	const participant = await joinAs(server.url, workshop.joinCode, 'Nadia', 'usager');
	const ws = server.url.replace('http', 'ws');
	// Both sessions work before they expire: the test would pass for the wrong reason otherwise.
	expect(await rawSync(`${ws}/sync/${workshop.id}`, { origin: server.url, cookie: facilitator })).toMatchObject({ opened: true });
	await server.kill();

	// Time passes: every session's expiry is now in the past (PGlite has one writer: the server is stopped).
	const db = await openPglite(dataDir);
	await db.query(`UPDATE session SET expires_at = now() - interval '1 minute'`);
	await db.close();

	server = await startServer({ dataDir });
	const again = server.url.replace('http', 'ws');
	expect(await rawSync(`${again}/sync/${workshop.id}`, { origin: server.url, cookie: facilitator })).toMatchObject({ opened: false, status: 401 });
	expect(await rawSync(`${again}/sync/${workshop.id}`, { origin: server.url, cookie: participant })).toMatchObject({ opened: false, status: 401 });
	const live = liveClient(server.url, workshop.id, { cookie: participant });
	await expect(connected(live)).rejects.toThrow(/session/i);
	live.close();
	const health = await fetch(`${server.url}/healthz`);
	expect(health.status).toBe(200);
});
