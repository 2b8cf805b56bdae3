import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyOfPgliteTemplate } from './pglite-template.ts';

export interface ServerOptions {
	/** PostgreSQL URL; omitted → embedded PGlite in `dataDir`. */
	databaseUrl?: string;
	dataDir?: string;
	port?: number;
	env?: Record<string, string>;
}

export interface RunningServer {
	url: string;
	port: number;
	dataDir: string;
	/** Everything the process printed so far. */
	output(): string;
	kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const address = s.address();
			s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

/** An empty data directory: the server creates its database there, as on a first `npm start`. */
export function tempDataDir(): string {
	return mkdtempSync(join(tmpdir(), 'concerto-it-'));
}

/**
 * A data directory holding an already created and migrated embedded database, as after a
 * first start: a server is ready on it in ~2 s instead of ~8 s.
 */
export function migratedDataDir(): Promise<string> {
	return copyOfPgliteTemplate();
}

/**
 * Starts the built server (`dist/server.js`, made by `npm run build`) as a real process and
 * resolves once it prints its URL.
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
	if (!existsSync('dist/server.js') || !existsSync('build/handler.js'))
		throw new Error('run `npm run build` before the integration tests (npm test does it)');
	// Test files run two at a time: another file's server may take the free port we were given
	// before ours binds it. Only a port we picked ourselves is picked again.
	for (let attempt = 1; ; attempt++) {
		// Only the tests about a first start need an empty directory; they pass one.
		const dataDir = options.dataDir ?? (options.databaseUrl ? tempDataDir() : await migratedDataDir());
		try {
			return await startServerOn(options.port ?? (await freePort()), dataDir, options);
		} catch (e) {
			if (!options.dataDir) removeDir(dataDir);
			if (options.port !== undefined || attempt === 3 || !/EADDRINUSE|already in use/.test(String(e))) throw e;
		}
	}
}

async function startServerOn(port: number, dataDir: string, options: ServerOptions): Promise<RunningServer> {
	const child: ChildProcess = spawn(process.execPath, ['dist/server.js'], {
		env: {
			PATH: process.env.PATH,
			PORT: String(port),
			HOST: '127.0.0.1',
			CONCERTO_DATA_DIR: dataDir,
			DATABASE_URL: options.databaseUrl ?? '',
			LOG_LEVEL: 'info',
			// Every test client joins and connects from 127.0.0.1: a room of 300 from one address. The
			// join and connection limits have their own tests (rate-limits.test.ts), which set them back.
			CONCERTO_JOINS_PER_MINUTE: '100000',
			CONCERTO_CONNECTIONS_PER_MINUTE: '1000000',
			...options.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	child.stdout!.on('data', (d) => (out += d));
	child.stderr!.on('data', (d) => (out += d));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

	await new Promise<void>((resolve, reject) => {
		// Generous: PGlite starts in seconds, but a loaded 2-core CI machine can take far longer.
		// Killed, and rejected below once it has exited, so that its data directory can be removed.
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			child.kill('SIGKILL');
		}, 60_000);
		const check = () => {
			if (out.includes('Concerto is ready')) {
				clearTimeout(timer);
				resolve();
			}
		};
		child.stdout!.on('data', check);
		// 'close', not 'exit': by then everything it printed has been read (the error it exits with).
		child.once('close', (code) => {
			clearTimeout(timer);
			reject(new Error(timedOut ? `server did not start within 60 s:\n${out}` : `server exited with ${code}:\n${out}`));
		});
	});

	return {
		url: `http://127.0.0.1:${port}`,
		port,
		dataDir,
		output: () => out,
		async kill(signal = 'SIGTERM') {
			if (child.exitCode === null && child.signalCode === null) child.kill(signal);
			await exited;
		}
	};
}

export function removeDir(dir: string): void {
	rmSync(dir, { recursive: true, force: true });
}
