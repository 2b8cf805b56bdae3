import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Socket } from 'socket.io-client';
import { startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { liveClient, connected, send, eventually } from '../helpers/clients.ts';
import { createWorkshop, joinAs, signUp } from '../helpers/http.ts';
import type { WorkshopState } from '../../src/lib/protocol/live.ts';

/**
 * A phase's note for the facilitator never reaches the room: not in the live state pushed to
 * participants (and the projector), not in the participant's or the projector's page.
 */
const SECRET = 'Relancez-les sur le calendrier du porteur';
let server: RunningServer;
let facilitator: string;
let participant: string;
let workshop: { id: string; joinCode: string };
const sockets: Socket[] = [];
let ids = 0;
const cmd = () => `note-${Date.now()}-${ids++}`;

beforeAll(async () => {
	server = await startServer();
	facilitator = await signUp(server.url);
	workshop = await createWorkshop(server.url, facilitator, 'Accueil en mairie');
	participant = await joinAs(server.url, workshop.joinCode, 'Fatima', 'usager');
});
afterAll(async () => {
	for (const s of sockets) s.close();
	await server?.kill();
	if (server) removeDir(server.dataDir);
});

test('the facilitator’s note stays out of every push and page the room receives', async () => {
	const f = liveClient(server.url, workshop.id, { cookie: facilitator });
	const p = liveClient(server.url, workshop.id, { cookie: participant });
	sockets.push(f, p);
	const pushes: WorkshopState[] = [];
	p.on('workshop.state', (s: WorkshopState) => pushes.push(s));
	await Promise.all([connected(f), connected(p)]);
	const phase = { id: 'accueil', type: 'welcome', title: 'Accueil', minutes: 10, instructions: 'Bienvenue à toutes et à tous', settings: {} };
	expect(await send(f, 'agenda.save', { commandId: cmd(), phases: [{ ...phase, facilitatorNote: SECRET }] })).toMatchObject({ ok: true });
	await eventually(() => pushes.some((s) => s.phases.some((x) => x.instructions === phase.instructions)), 'the agenda pushed to the participant');
	expect(await send(f, 'phase.start', { commandId: cmd() })).toMatchObject({ ok: true });
	await eventually(() => pushes.some((s) => s.timer.phase === 'accueil'), 'the phase start pushed');
	expect(JSON.stringify(pushes)).not.toContain(SECRET);
	// The facilitator reads it back for the agenda form; a participant asking the same is refused.
	expect(await send(f, 'agenda.notes', { commandId: cmd() })).toEqual({ ok: true, value: { accueil: SECRET } });
	expect(await send(p, 'agenda.notes', { commandId: cmd() })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
	for (const [path, cookie] of [
		[`/p/${workshop.id}`, participant],
		[`/w/${workshop.id}/projector`, facilitator]
	] as const) {
		const res = await fetch(server.url + path, { headers: { cookie } });
		expect(res.status, path).toBe(200);
		expect(await res.text(), path).not.toContain(SECRET);
	}
});
