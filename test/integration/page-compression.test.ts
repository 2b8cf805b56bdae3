import { afterAll, beforeAll, expect, test } from 'vitest';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { createWorkshop, joinAs, signUp } from '../helpers/http.ts';

/**
 * The pages phones open are sent compressed (gzip, or brotli where offered; server/compress-pages.ts),
 * never a page holding secret links beside text others wrote (a facilitator's, an invitation).
 * Read with node:http, which (unlike fetch) shows the bytes as they came.
 */
let server: RunningServer;
let facilitator: string;
let workshop: { id: string; joinCode: string };

beforeAll(async () => {
	server = await startServer();
	facilitator = await signUp(server.url);
	workshop = await createWorkshop(server.url, facilitator, 'Compression');
});
afterAll(async () => {
	await server?.kill();
	if (server) removeDir(server.dataDir);
});

function raw(path: string, cookie = '', accept = 'gzip, deflate'): Promise<{ status: number; encoding: string | undefined; vary: string | undefined; body: Buffer }> {
	return new Promise((resolve, reject) => {
		const req = request(`${server.url}${path}`, { headers: { 'accept-encoding': accept, cookie } }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, encoding: res.headers['content-encoding'], vary: res.headers.vary, body: Buffer.concat(chunks) }));
		});
		req.on('error', reject);
		req.end();
	});
}

test('a participant’s page and the join page come gzip-compressed, and decompress to the page', async () => {
	const phone = await joinAs(server.url, workshop.joinCode, 'Nadia', 'usager');
	const page = await raw(`/p/${workshop.id}`, phone);
	expect(page.status).toBe(200);
	expect(page.encoding).toBe('gzip');
	expect(page.vary).toMatch(/accept-encoding/i);
	const html = gunzipSync(page.body).toString();
	expect(html).toContain('<!doctype html>');
	expect(page.body.length, 'compressed bytes').toBeLessThan(html.length / 2);

	const join = await raw(`/j/${workshop.joinCode}`);
	expect(join.status).toBe(200);
	expect(join.encoding).toBe('gzip');
	// A browser on https also offers brotli: smaller still.
	const br = await raw(`/p/${workshop.id}`, phone, 'gzip, deflate, br');
	expect(br.encoding).toBe('br');
	expect(brotliDecompressSync(br.body).toString()).toContain('<!doctype html>');
});

test('a facilitator’s pages are sent as they are, even with a participant’s cookie beside', async () => {
	const phone = await joinAs(server.url, workshop.joinCode, 'Karim', 'usager');
	const page = await raw(`/w/${workshop.id}`, `${facilitator}; ${phone}`);
	expect(page.status).toBe(200);
	expect(page.encoding).toBeUndefined();
	expect(page.body.toString()).toContain('<!doctype html>');
	const home = await raw('/', facilitator);
	expect(home.encoding).toBeUndefined();
});
