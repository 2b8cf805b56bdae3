import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { createServer, type AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { freePort, removeDir, startServer, tempDataDir } from '../helpers/server-process.ts';
import { eventually } from '../helpers/clients.ts';

describe('npm start', () => {
	test('serves the home page with no database server configured, and stops cleanly on SIGTERM', async () => {
		const port = await freePort();
		const dataDir = tempDataDir();
		// The script `npm start` runs, started directly: npm itself would exit by the signal.
		const script = JSON.parse(readFileSync('package.json', 'utf8')).scripts.start as string;
		expect(script).toBe('node scripts/start.js');
		const child = spawn(process.execPath, ['scripts/start.js'], {
			env: { ...process.env, PORT: String(port), DATABASE_URL: '', REDIS_URL: '', CONCERTO_DATA_DIR: dataDir },
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true
		});
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
		try {
			await eventually(() => out.includes(`http://localhost:${port}`), 'the URL printed', 60_000);
			const res = await fetch(`http://127.0.0.1:${port}/`);
			expect(res.status).toBe(200);
			expect(await res.text()).toContain('Concerto');
			expect(out).toContain('"engine":"pglite"');
			// On loopback by default: the start says phones cannot reach it, and how to fix it.
			await eventually(() => out.includes('Phones cannot reach this address'), 'the room warning');
			expect(out).toContain('HOST=0.0.0.0 ORIGIN=http://');
		} finally {
			process.kill(-child.pid!, 'SIGTERM');
		}
		expect(await exit).toBe(0);
		removeDir(dataDir);
	});

	test('on a port already taken, it says so and how to fix it, and exits with 1', async () => {
		const taken = createServer();
		const port = await new Promise<number>((resolve) =>
			taken.listen(0, '127.0.0.1', () => resolve((taken.address() as AddressInfo).port))
		);
		try {
			await expect(startServer({ port })).rejects.toThrow(
				new RegExp(`server exited with 1:[\\s\\S]*Concerto could not start: 127\\.0\\.0\\.1:${port} is already in use .*set PORT to a free port`)
			);
		} finally {
			taken.close();
		}
	});

	test('on every interface, it prints each address phones can use', async () => {
		const external = Object.values(networkInterfaces())
			.flat()
			.filter((a) => a && !a.internal && a.family === 'IPv4')
			.map((a) => a!.address);
		const server = await startServer({ env: { HOST: '0.0.0.0' } });
		try {
			for (const address of external) expect(server.output()).toContain(`Network:  http://${address}:${server.port}`);
			if (external.length === 0) expect(server.output()).toContain('Phones cannot reach this address');
		} finally {
			await server.kill();
			removeDir(server.dataDir);
		}
	});
});
