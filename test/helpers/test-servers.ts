import { afterAll } from 'vitest';
import { startServer, removeDir, type RunningServer, type ServerOptions } from './server-process.ts';
import { createTestDatabaseUrl } from './databases.ts';

export interface ServerEngine {
	name: string;
	start(): Promise<RunningServer>;
	/** Kills a server this engine started and starts it again on the same data (same database). */
	restart(server: RunningServer, signal?: NodeJS.Signals): Promise<RunningServer>;
}

/**
 * The servers a test file starts, killed after it with their data (and their PostgreSQL
 * databases dropped). `engines` runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
export function testServers(what: string): { engines: ServerEngine[]; start(): Promise<RunningServer> } {
	const servers: RunningServer[] = [];
	const cleanups: Array<() => Promise<void>> = [];
	afterAll(async () => {
		for (const s of servers) {
			await s.kill();
			removeDir(s.dataDir);
		}
		for (const c of cleanups) await c();
	});
	const options = new Map<RunningServer, ServerOptions>();
	const kept = async (started: Promise<RunningServer>, given: ServerOptions = {}) => {
		const server = await started;
		servers.push(server);
		options.set(server, given);
		return server;
	};
	const restart = async (server: RunningServer, signal?: NodeJS.Signals) => {
		await server.kill(signal);
		servers.splice(servers.indexOf(server), 1);
		const again = { ...options.get(server), dataDir: server.dataDir };
		return kept(startServer(again), again);
	};
	const start = () => kept(startServer());
	const engines: ServerEngine[] = [{ name: 'pglite', start, restart }];
	if (process.env.DATABASE_URL)
		engines.push({
			name: 'postgres',
			async start() {
				const db = await createTestDatabaseUrl();
				cleanups.push(() => db.drop());
				return kept(startServer({ databaseUrl: db.url }), { databaseUrl: db.url });
			},
			restart
		});
	else console.warn(`${what} on PostgreSQL skipped: set DATABASE_URL to run it`);
	return { engines, start };
}
