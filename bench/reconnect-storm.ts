/**
 * A room's phones reconnecting all at once — the Wi-Fi came back, the server restarted — on the
 * built server (`npm run build` first): N participants joined, then N live sockets opened in the
 * same instant, twice; prints when every one had its state (the agenda and clock, the affiche,
 * its own readiness: the first and last of what a new socket is sent). On PGlite, and on
 * PostgreSQL too when DATABASE_URL names one where a throwaway database may be made.
 *
 *   npx tsx bench/reconnect-storm.ts [N=1000]
 *
 * Apart from `npm run bench`, whose connections are paced (25 at a time) so that its stages
 * measure the steady state; one client process opens all the sockets here, so its own CPU is
 * part of the figure: compare servers in the same run.
 */
import type { Socket } from 'socket.io-client';
import { startServer, removeDir } from '../test/helpers/server-process.ts';
import { createTestDatabaseUrl } from '../test/helpers/databases.ts';
import { createWorkshop, joinAs, signUp } from '../test/helpers/http.ts';
import { liveClient } from '../test/helpers/clients.ts';

const N = Number(process.argv[2] ?? 1000);
const ROUNDS = 2;

async function storm(engine: 'pglite' | 'postgres'): Promise<void> {
	const database = engine === 'postgres' ? await createTestDatabaseUrl() : null;
	const server = await startServer(database ? { databaseUrl: database.url } : {});
	try {
		const facilitator = await signUp(server.url);
		const workshop = await createWorkshop(server.url, facilitator, 'Reconnexion');
		const cookies: string[] = [];
		for (let i = 0; i < N; i += 50)
			cookies.push(...(await Promise.all(Array.from({ length: Math.min(50, N - i) }, (_, j) => joinAs(server.url, workshop.joinCode, `P${i + j}`, 'usager')))));
		for (let round = 1; round <= ROUNDS; round++) {
			const t0 = performance.now();
			const sockets: Socket[] = cookies.map((cookie) => liveClient(server.url, workshop.id, { cookie }));
			const times = await Promise.all(sockets.map((socket) => stateReceived(socket).then(() => performance.now() - t0)));
			times.sort((a, b) => a - b);
			const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]);
			console.log(`${engine}, round ${round}: ${N} live sockets opened at once; every one had its state after ${at(1)} ms (median ${at(0.5)} ms)`);
			for (const socket of sockets) socket.close();
			// The server notices the closes before the next round.
			await new Promise((r) => setTimeout(r, 1000));
		}
	} finally {
		await server.kill();
		removeDir(server.dataDir);
		await database?.drop();
	}
}

function stateReceived(socket: Socket): Promise<void> {
	const events = ['workshop.state', 'affiche.state', 'readiness.mine'];
	return Promise.all(events.map((event) => new Promise<void>((resolve) => socket.once(event, () => resolve())))).then(() => undefined);
}

await storm('pglite');
if (process.env.DATABASE_URL) await storm('postgres');
