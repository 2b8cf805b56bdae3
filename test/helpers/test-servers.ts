import { afterAll } from 'vitest';
import { startServer, removeDir, type RunningServer } from './server-process.ts';
import { createTestDatabaseUrl } from './databases.ts';

export interface ServerEngine {
	name: string;
	start(): Promise<RunningServer>;
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
	const kept = async (started: Promise<RunningServer>) => {
		const server = await started;
		servers.push(server);
		return server;
	};
	const start = () => kept(startServer());
	const engines: ServerEngine[] = [{ name: 'pglite', start }];
	if (process.env.DATABASE_URL)
		engines.push({
			name: 'postgres',
			async start() {
				const db = await createTestDatabaseUrl();
				cleanups.push(() => db.drop());
				return kept(startServer({ databaseUrl: db.url }));
			}
		});
	else console.warn(`${what} on PostgreSQL skipped: set DATABASE_URL to run it`);
	return { engines, start };
}
