import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { syncClient, eventually } from '../helpers/clients.ts';
import { cookieFrom, createWorkshop, joinAs, participantId, peopleAction, signUp } from '../helpers/http.ts';
import { Presence } from '../../src/lib/state/presence.svelte.ts';
import type { PresenceCounts, PresenceUser } from '../../src/lib/domain/board/presence.ts';

/**
 * Presence through the real sync server with unmodified y-websocket providers: the server
 * stamps who each state belongs to, so counts, cursors and "follow me" cannot be forged.
 */
let server: RunningServer;
let workshopId: string;
let facilitatorCookie: string;
let observerCookie: string;
const people: Record<'awa' | 'bruno' | 'chloe', { cookie: string; self: PresenceUser }> = {} as never;
const open: Array<{ destroy(): void }> = [];

beforeAll(async () => {
	server = await startServer();
	facilitatorCookie = await signUp(server.url);
	const workshop = await createWorkshop(server.url, facilitatorCookie, 'Accueil des familles');
	workshopId = workshop.id;
	for (const [key, name, category] of [
		['awa', 'Awa', 'agent'],
		['bruno', 'Bruno', 'agent'],
		['chloe', 'Chloé', 'usager']
	] as const) {
		const cookie = await joinAs(server.url, workshop.joinCode, name, category);
		const id = await participantId(server.url, workshopId, cookie);
		people[key] = { cookie, self: { id, name, category, role: 'participant' } };
	}
	const page = await (await peopleAction(server.url, workshopId, 'observer', {}, facilitatorCookie)).text();
	const opened = await fetch(`${server.url}${/\/o\/[a-z2-7]+/.exec(page)?.[0]}`, { redirect: 'manual' });
	observerCookie = cookieFrom(opened, /^concerto_o_/);
}, 120_000); // joins and an observer link on a shared 2-core machine can outlast the default hook timeout
afterAll(async () => {
	for (const c of open) c.destroy();
	await server?.kill();
	if (server) removeDir(server.dataDir);
});

/** A page's sync connection with its Presence, as the views make them. */
async function connect(cookie: string, self: PresenceUser, screen = false) {
	const client = syncClient(server.url, workshopId, { cookie });
	await client.synced;
	const presence = new Presence(client.provider.awareness, self, { screen });
	let closed = false;
	const handle = {
		...client,
		presence,
		destroy() {
			if (closed) return;
			closed = true;
			presence.destroy();
			client.destroy();
		}
	};
	open.push(handle);
	return handle;
}

const counts = (agent: number, usager: number, facilitators: number, screens: number): PresenceCounts => ({
	total: agent + usager + facilitators + screens,
	categories: { agent, usager, elu: 0, expert: 0, autre: 0 },
	facilitators,
	screens
});

describe('presence over awareness', () => {
	// The facilitator's own id is what the server stamps; the board page has it from its session.
	const facilitatorSelf: PresenceUser = { id: '', name: 'Camille Animatrice', category: 'facilitator', role: 'facilitator' };
	let board: Awaited<ReturnType<typeof connect>>;
	let awaTab1: Awaited<ReturnType<typeof connect>>;
	let awaTab2: Awaited<ReturnType<typeof connect>>;
	let bruno: Awaited<ReturnType<typeof connect>>;
	let chloe: Awaited<ReturnType<typeof connect>>;
	let projector: Awaited<ReturnType<typeof connect>>;
	let observer: Awaited<ReturnType<typeof connect>>;
	const everyone = () => [board, awaTab1, awaTab2, bruno, chloe, projector, observer];

	beforeAll(async () => {
		awaTab1 = await connect(people.awa.cookie, people.awa.self);
		// Learn the facilitator's stamped id the way any client can: from what the server relays.
		const probe = await connect(facilitatorCookie, { ...facilitatorSelf, id: 'unknown-yet' });
		await eventually(() => [...awaTab1.provider.awareness.getStates().values()].some((s) => s.user?.role === 'facilitator'), 'facilitator stamped');
		facilitatorSelf.id = [...awaTab1.provider.awareness.getStates().values()].find((s) => s.user?.role === 'facilitator')!.user.id;
		probe.destroy();
		board = await connect(facilitatorCookie, facilitatorSelf);
		awaTab2 = await connect(people.awa.cookie, people.awa.self);
		bruno = await connect(people.bruno.cookie, people.bruno.self);
		chloe = await connect(people.chloe.cookie, people.chloe.self);
		projector = await connect(facilitatorCookie, { ...facilitatorSelf }, true);
		observer = await connect(observerCookie, { id: 'me', name: '', category: 'observer', role: 'observer' });
	}, 120_000);

	test('every client counts people by their server-stamped category, one person once across tabs, screens apart', async () => {
		// Chloé's client lies about who she is: the server overwrites `user` on what it relays.
		chloe.provider.awareness.setLocalStateField('user', { id: people.awa.self.id, name: 'Madame la maire', category: 'elu', role: 'facilitator' });
		chloe.provider.awareness.setLocalStateField('screen', true);
		const expected = counts(2, 1, 1, 2);
		await eventually(() => everyone().every((c) => JSON.stringify(c.presence.byCategory) === JSON.stringify(expected)), 'counts on every client');
		for (const c of everyone()) expect(c.presence.byCategory).toEqual(expected);
	});

	test("a participant's cursor and lead are ignored; the facilitator's cursor reaches everyone", async () => {
		bruno.presence.setCursor({ x: 5, y: 5 }); // a no-op for a participant…
		bruno.provider.awareness.setLocalStateField('cursor', { x: 5, y: 5 }); // …and forcing it is ignored
		bruno.provider.awareness.setLocalStateField('lead', { focus: { kind: 'note', id: 'fake' }, at: Date.now() + 1e9 });
		board.presence.setCursor({ x: 120.4, y: 340.6 });
		const cursor = { name: 'Camille Animatrice', x: 120, y: 341 };
		for (const c of [awaTab1, chloe, projector, observer]) {
			await eventually(() => c.presence.cursors.length === 1, 'one cursor');
			expect(c.presence.cursors[0]).toMatchObject(cursor);
		}
		expect(board.presence.cursors).toEqual([]); // not its own, and not Bruno's
		expect(chloe.presence.leader).toBeNull();
	});

	test("the facilitator's lead focus reaches participants, the projector and observers, and stopping clears it", async () => {
		board.presence.focusChanged({ kind: 'area', x: 0, y: 0, width: 800, height: 600 });
		await new Promise((r) => setTimeout(r, 200));
		expect(chloe.presence.leader).toBeNull(); // reporting a focus does not lead by itself
		board.presence.toggleLeading();
		expect(board.presence.leading).toBe(true);
		for (const c of [chloe, projector, observer]) {
			await eventually(() => c.presence.leader?.focus.kind === 'area', 'area focus');
			expect(c.presence.leader).toMatchObject({ name: 'Camille Animatrice', focus: { kind: 'area', x: 0, y: 0, width: 800, height: 600 } });
		}
		board.presence.focusChanged({ kind: 'cluster', id: 'cluster-horaires' });
		for (const c of [awaTab2, projector, observer]) {
			await eventually(() => c.presence.leader?.focus.kind === 'cluster', 'cluster focus');
			expect(c.presence.leader?.focus).toEqual({ kind: 'cluster', id: 'cluster-horaires' });
		}
		board.presence.lead(null);
		for (const c of [chloe, projector, observer]) await eventually(() => c.presence.leader === null, 'no leader');
	});

	test('people who leave drop from the counts; a person with one tab left still counts once', async () => {
		awaTab2.destroy();
		bruno.destroy();
		const expected = counts(1, 1, 1, 2);
		for (const c of [board, awaTab1, chloe, projector, observer]) {
			await eventually(() => JSON.stringify(c.presence.byCategory) === JSON.stringify(expected), 'counts after leaving');
		}
		observer.destroy();
		await eventually(() => board.presence.byCategory.screens === 1 && board.presence.byCategory.total === 4, 'observer gone');
	});
});
