import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { freePort } from '../../test/helpers/server-process.ts';

export type ServerKind = 'reference' | 'concerto-pglite' | 'concerto-pg';

export interface BenchServer {
	kind: ServerKind;
	/** http://127.0.0.1:<port> — also the Origin the clients send */
	base: string;
	/** what a y-websocket provider takes as serverUrl (the room is appended) */
	syncUrl: string;
	pid: number;
	/** Prometheus text from /metrics (Concerto only). */
	metrics(): Promise<Map<string, number> | null>;
	/** PostgreSQL backends serving this server (concerto-pg); their CPU is the server's too. */
	databasePids(): Promise<number[]>;
	/** Live heap after a full GC, in bytes (see heap-probe.cjs); null if the probe did not answer. */
	heapAfterGc(): Promise<number | null>;
	stop(): Promise<void>;
	output(): string;
}

/** Settings for the Concerto servers under benchmark; printed with the results. */
export const CONCERTO_BENCH_ENV: Record<string, string> = {
	// 300 participants adding notes, or voting, as fast as acknowledgements come back exceed
	// what one real participant may do (30 notes/min, 20 commands/s): raised so the command
	// path and the vote stages measure the server, not the limiter. Sync limits are left at
	// their defaults (the load fits).
	CONCERTO_NOTES_PER_MINUTE: '100000',
	CONCERTO_LIVE_COMMANDS_PER_SECOND: '1000',
	// Every simulated phone joins and connects from 127.0.0.1: one address for a thousand people.
	CONCERTO_JOINS_PER_MINUTE: '1000000',
	CONCERTO_CONNECTIONS_PER_MINUTE: '1000000'
};

const HEAP_PROBE = fileURLToPath(new URL('../heap-probe.cjs', import.meta.url));

const live = new Set<ChildProcess>();
/** Last resort if the run dies without its cleanup: no server outlives the benchmark. */
process.on('exit', () => {
	for (const child of live) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function launch(kind: ServerKind, args: string[], env: Record<string, string>, ready: RegExp, cleanup: () => Promise<void> | void) {
	const child = spawn(process.execPath, ['--expose-gc', '--require', HEAP_PROBE, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
	live.add(child);
	let out = '';
	// The heap probe's answers, read line by line from stdout (the kept output is trimmed).
	const heaps: number[] = [];
	let partial = '';
	child.stdout!.on('data', (d: Buffer) => {
		const lines = (partial + d).split('\n');
		partial = lines.pop() ?? '';
		for (const line of lines) if (line.startsWith('bench-heap ')) heaps.push(Number(line.slice(11)));
	});
	const keep = (d: Buffer) => {
		out += d;
		if (out.length > 200_000) out = out.slice(-100_000);
	};
	child.stdout!.on('data', keep);
	child.stderr!.on('data', keep);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	exited.then(() => live.delete(child));
	const started = new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`${kind} did not start within 180 s:\n${out.slice(-2000)}`)), 180_000);
		child.stdout!.on('data', () => {
			if (ready.test(out)) {
				clearTimeout(timer);
				resolve();
			}
		});
		child.once('exit', (code, signal) => {
			clearTimeout(timer);
			reject(new Error(`${kind} exited (${code ?? signal}) before it was ready:\n${out.slice(-2000)}`));
		});
	});
	async function stop() {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
			await exited;
			clearTimeout(timer);
		}
		await cleanup();
	}
	async function heapAfterGc(): Promise<number | null> {
		if (child.exitCode !== null || child.signalCode !== null) return null;
		const seen = heaps.length;
		child.kill('SIGUSR2');
		const end = Date.now() + 10_000;
		while (heaps.length === seen && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
		return heaps.length > seen ? heaps[heaps.length - 1] : null;
	}
	return { child, started, stop, heapAfterGc, output: () => out };
}

/** The space-separated words of an environment variable of the bench (node flags, settings); none when unset. */
export const envWords = (name: string): string[] => (process.env[name] ?? '').split(' ').filter(Boolean);

/** Concerto's production build (`dist/server.js`) on PGlite (no URL) or PostgreSQL. */
export async function startConcerto(kind: 'concerto-pglite' | 'concerto-pg', databaseUrl: string): Promise<BenchServer> {
	const port = await freePort();
	const dataDir = mkdtempSync(join(tmpdir(), 'concerto-bench-'));
	const env = {
		PORT: String(port),
		HOST: '127.0.0.1',
		CONCERTO_DATA_DIR: dataDir,
		DATABASE_URL: databaseUrl,
		LOG_LEVEL: 'warn',
		...CONCERTO_BENCH_ENV,
		// e.g. BENCH_CONCERTO_ENV="CONCERTO_EDIT_WINDOW_MS=20" to measure a setting against its default.
		...Object.fromEntries(
			envWords('BENCH_CONCERTO_ENV')
				.filter((kv) => kv.includes('='))
				.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])
		)
	};
	// e.g. BENCH_CONCERTO_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile under load.
	const nodeArgs = envWords('BENCH_CONCERTO_NODE_ARGS');
	const p = launch(kind, [...nodeArgs, 'dist/server.js'], env, /Concerto is ready/, () => rmSync(dataDir, { recursive: true, force: true }));
	try {
		await p.started;
	} catch (e) {
		await p.stop();
		throw e;
	}
	const base = `http://127.0.0.1:${port}`;
	return {
		kind,
		base,
		syncUrl: `ws://127.0.0.1:${port}/sync`,
		pid: p.child.pid!,
		metrics: () => scrape(`${base}/metrics`),
		databasePids: () => (databaseUrl ? backendsOf(databaseUrl) : Promise.resolve([])),
		heapAfterGc: p.heapAfterGc,
		stop: p.stop,
		output: p.output
	};
}

/** The bare `@y/websocket-server` (no auth, no persistence): ws://host:port/<room>. */
export async function startReference(): Promise<BenchServer> {
	const port = await freePort();
	const require = createRequire(import.meta.url);
	const pkg = require.resolve('@y/websocket-server/package.json');
	const script = join(dirname(pkg), 'src', 'server.js');
	// BENCH_REFERENCE_NODE_ARGS profiles the reference the same way, to compare where each spends its CPU.
	const nodeArgs = envWords('BENCH_REFERENCE_NODE_ARGS');
	const p = launch('reference', [...nodeArgs, script], { HOST: '127.0.0.1', PORT: String(port), BENCH_EXIT_ON_SIGTERM: '1' }, /running at/, () => {});
	try {
		await p.started;
	} catch (e) {
		await p.stop();
		throw e;
	}
	return {
		kind: 'reference',
		base: `http://127.0.0.1:${port}`,
		syncUrl: `ws://127.0.0.1:${port}`,
		pid: p.child.pid!,
		metrics: async () => null,
		databasePids: async () => [],
		heapAfterGc: p.heapAfterGc,
		stop: p.stop,
		output: p.output
	};
}

async function scrape(url: string): Promise<Map<string, number> | null> {
	try {
		const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
		if (!res.ok) return null;
		const out = new Map<string, number>();
		for (const line of (await res.text()).split('\n')) {
			if (!line || line.startsWith('#')) continue;
			const i = line.lastIndexOf(' ');
			out.set(line.slice(0, i), Number(line.slice(i + 1)));
		}
		return out;
	} catch {
		return null;
	}
}

/** Process ids of the backends connected to the database of `url`, except the asking one. */
async function backendsOf(url: string): Promise<number[]> {
	const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
	try {
		const rows = await sql<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`;
		return rows.map((r) => r.pid);
	} catch {
		return [];
	} finally {
		await sql.end();
	}
}

/** A throwaway database `concerto_bench_<random>` on the local PostgreSQL; `drop()` removes it. */
export async function createBenchDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
	const name = `concerto_bench_${randomBytes(6).toString('hex')}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
	try {
		await admin.unsafe(`CREATE DATABASE ${name}`);
	} finally {
		await admin.end();
	}
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		async drop() {
			const a = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
			try {
				await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			} finally {
				await a.end();
			}
		}
	};
}
