import { spawn } from 'node:child_process';
import WebSocket from 'ws';
import { describe, expect, test } from 'vitest';
import { freePort, migratedDataDir, removeDir } from '../helpers/server-process.ts';
import { eventually, rawSync } from '../helpers/clients.ts';

describe('vite dev', () => {
	test('mounts sync and live on the dev server and leaves Vite’s HMR socket alone', async () => {
		const port = await freePort();
		const dataDir = await migratedDataDir();
		const child = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'dev', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
			env: { ...process.env, DATABASE_URL: '', CONCERTO_DATA_DIR: dataDir },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		const base = `http://127.0.0.1:${port}`;
		try {
			await eventually(() => out.includes('database ready') && out.includes(String(port)), 'vite dev ready', 60_000);
			expect((await fetch(`${base}/healthz`)).status).toBe(200);

			// Our gate answers /sync upgrades (404: no such workshop).
			expect(await rawSync(`ws://127.0.0.1:${port}/sync/aaaaaaaaaaaaaaaa`, { origin: base })).toMatchObject({ status: 404 });

			// socket.io answers on /live (polling handshake).
			const live = await fetch(`${base}/live/?EIO=4&transport=polling`, { headers: { origin: base } });
			expect(live.status).toBe(200);
			expect(await live.text()).toContain('"sid"');

			// Vite's HMR socket still connects and greets (its token is baked into Vite's client script).
			const client = await (await fetch(`${base}/@vite/client`)).text();
			const token = /const wsToken = "([^"]+)"/.exec(client)?.[1];
			expect(token).toBeTruthy();
			const hmr = new WebSocket(`ws://127.0.0.1:${port}/?token=${token}`, 'vite-hmr', { headers: { origin: base } });
			const greeting = await new Promise<string>((resolve, reject) => {
				hmr.once('message', (m) => resolve(m.toString()));
				hmr.once('error', reject);
			});
			expect(JSON.parse(greeting).type).toBe('connected');
			await new Promise((r) => setTimeout(r, 1500));
			expect(hmr.readyState).toBe(WebSocket.OPEN);
			hmr.close();
		} finally {
			child.kill('SIGTERM');
			await new Promise((r) => child.once('exit', r));
			removeDir(dataDir);
		}
	});
});
