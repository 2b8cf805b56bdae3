import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { createWorkshop, joinAs, signUp } from '../helpers/http.ts';

/**
 * The built server serves pages without switching async hooks on (scripts/kit-without-als.js):
 * once on, every promise and every socket write of the sync server's fan-out pays for them, for
 * the life of the process. Pages of every kind are served first, then /metrics says whether the
 * hooks are on.
 */
let server: RunningServer;

beforeAll(async () => {
	server = await startServer();
});
afterAll(async () => {
	await server?.kill();
	if (server) removeDir(server.dataDir);
});

const hooksActive = async () => /^concerto_async_hooks_active (\d)/m.exec(await (await fetch(`${server.url}/metrics`)).text())?.[1];

test('pages, forms and a participant page leave async hooks off', async () => {
	expect(await hooksActive()).toBe('0');
	const owner = await signUp(server.url);
	const workshop = await createWorkshop(server.url, owner, 'Accueil en mairie');
	const participant = await joinAs(server.url, workshop.joinCode, 'Nadia', 'usager');
	for (const [path, cookie] of [
		['/', ''],
		[`/w/${workshop.id}`, owner],
		[`/p/${workshop.id}`, participant],
		['/no-such-page', '']
	]) {
		const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
		expect(res.status, path).toBe(path === '/no-such-page' ? 404 : 200);
		await res.text();
	}
	expect(await hooksActive()).toBe('0');
});
