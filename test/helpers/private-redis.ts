import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { freePort } from './server-process.ts';

/**
 * A redis-server of our own on a free port, for tests that kill Redis. The machine's Redis is
 * shared with other tests: never stopped, never flushed.
 */
export interface PrivateRedis {
	url: string;
	port: number;
	/** SIGKILL: Redis vanishes without a goodbye, as on a crash. */
	kill(): Promise<void>;
	/** Starts it again on the same port (empty: no persistence). */
	start(): Promise<void>;
}

export function redisServerPath(): string | null {
	const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
	return found || null;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
	const bin = redisServerPath();
	if (!bin) throw new Error('redis-server not found');
	const port = await freePort();
	let child: ChildProcess | null = null;
	const redis: PrivateRedis = {
		url: `redis://127.0.0.1:${port}`,
		port,
		async start() {
			const c = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
				stdio: 'ignore'
			});
			child = c;
			await waitForPort(port, () => c.exitCode !== null);
		},
		async kill() {
			const c = child;
			child = null;
			if (!c || c.exitCode !== null || c.signalCode !== null) return;
			const exited = new Promise((r) => c.once('exit', r));
			c.kill('SIGKILL');
			await exited;
		}
	};
	await redis.start();
	return redis;
}

async function waitForPort(port: number, died: () => boolean): Promise<void> {
	const end = Date.now() + 10_000;
	for (;;) {
		if (died()) throw new Error(`redis-server on port ${port} exited at start`);
		const open = await new Promise<boolean>((resolve) => {
			const s = createConnection({ port, host: '127.0.0.1' }, () => {
				s.destroy();
				resolve(true);
			});
			s.once('error', () => resolve(false));
		});
		if (open) return;
		if (Date.now() > end) throw new Error(`redis-server did not listen on port ${port}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}
