import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server-process.ts';

/**
 * A PostgreSQL cluster of our own (initdb + pg_ctl on a free port, in a temp folder) for
 * tests that stop and start the database. The machine's PostgreSQL is shared with other
 * tests and must never be stopped, so fault tests never touch it.
 *
 * initdb and pg_ctl refuse to run as root (CI runs as root): there they run as the
 * `postgres` OS user, in a folder handed over to that user.
 */
export interface PrivatePostgres {
	/** `postgres://postgres@127.0.0.1:<port>/postgres` */
	url: string;
	port: number;
	/** `pg_ctl stop -m fast`: open connections are cut, as in a real restart. */
	stop(): void;
	start(): void;
	/** Stops (if running) and removes the cluster's folder. */
	destroy(): void;
}

const isRoot = () => process.getuid?.() === 0;

const SEARCH = ['/usr/local/bin', '/usr/lib/postgresql', '/usr/local/pgsql/bin'];

/**
 * Where initdb and pg_ctl are, or null when PostgreSQL's server tools are not installed (or,
 * as root, when there is no `postgres` user to run them).
 */
export function postgresTools(): { initdb: string; pgCtl: string } | null {
	if (isRoot() && spawnSync('id', ['-u', 'postgres']).status !== 0) return null;
	const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
	const dirs = which ? [join(which, '..')] : [];
	for (const base of SEARCH) {
		if (base === '/usr/lib/postgresql' && existsSync(base)) {
			// Debian: /usr/lib/postgresql/<version>/bin
			const versions = spawnSync('ls', [base], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).sort().reverse();
			dirs.push(...versions.map((v) => join(base, v, 'bin')));
		} else dirs.push(base);
	}
	for (const dir of dirs) {
		const initdb = join(dir, 'initdb');
		const pgCtl = join(dir, 'pg_ctl');
		if (existsSync(initdb) && existsSync(pgCtl)) return { initdb, pgCtl };
	}
	return null;
}

/** Runs a PostgreSQL tool, as the `postgres` user when we are root. */
function run(cmd: string, args: string[]): void {
	const [file, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
	try {
		execFileSync(file, argv, { stdio: 'pipe', timeout: 60_000 });
	} catch (e) {
		const err = e as { stderr?: Buffer; stdout?: Buffer; message: string };
		throw new Error(`${cmd} ${args.join(' ')} failed: ${err.stderr?.toString() || err.stdout?.toString() || err.message}`);
	}
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
	const tools = postgresTools();
	if (!tools) throw new Error('initdb/pg_ctl not found');
	const dir = mkdtempSync(join(tmpdir(), 'concerto-pg-'));
	if (isRoot()) {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
		chownSync(dir, uid, gid);
	}
	chmodSync(dir, 0o700);
	const data = join(dir, 'data');
	const port = await freePort();
	// --no-sync and fsync=off: a throwaway cluster; durability across OS crashes is not under test.
	run(tools.initdb, ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--locale=C']);
	const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c full_page_writes=off`;
	let running = false;
	const pg: PrivatePostgres = {
		url: `postgres://postgres@127.0.0.1:${port}/postgres`,
		port,
		start() {
			run(tools.pgCtl, ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
			running = true;
		},
		stop() {
			run(tools.pgCtl, ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
			running = false;
		},
		destroy() {
			try {
				if (running) pg.stop();
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		}
	};
	try {
		pg.start();
	} catch (e) {
		rmSync(dir, { recursive: true, force: true });
		throw e;
	}
	return pg;
}
