import type { Socket } from 'socket.io-client';
import { afterAll, describe, expect, test } from 'vitest';
import { startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { syncClient, liveClient, connected, send, eventually } from '../helpers/clients.ts';
import { cookieFrom, createWorkshop, joinAs, peopleAction, signUp } from '../helpers/http.ts';
import { createCluster } from '../../src/lib/domain/board/clusters.ts';
import type { Phase } from '../../src/lib/domain/agenda/phase.ts';
import type { Category } from '../../src/lib/domain/workshop/categories.ts';
import type { MyPlacements, PrioritiesState } from '../../src/lib/protocol/priorities.ts';

/**
 * Issue 10, priorities: a real server, socket.io clients joined through the join page. A vote
 * is run and revealed; its top items go onto the desirability × feasibility matrix, placed from
 * phones (then by the facilitator alone), and the facilitator confirms the priorities.
 */

const servers: RunningServer[] = [];
afterAll(async () => {
	for (const s of servers) {
		await s.kill();
		removeDir(s.dataDir);
	}
});

let n = 0;
const cmd = (prefix = 'prio') => `${prefix}-${Date.now().toString(36)}-${n++}`;
const place = (s: Socket, itemId: string, desirability: number, feasibility: number, commandId = cmd()) =>
	send<{ itemId: string; desirability: number; feasibility: number }>(s, 'priority.place', { commandId, itemId, desirability, feasibility });

/** Latest pushed state per socket. */
function watch<T>(socket: Socket, event: string): { last: T | null } {
	const box = { last: null as T | null };
	socket.on(event, (v: T) => (box.last = v));
	return box;
}

describe('priorities after a revealed vote', () => {
	test('participants place the top items; medians by collège; forged placements refused; the facilitator confirms; the results page shows them after the workshop', async () => {
		const server = await startServer();
		servers.push(server);
		const facilitator = await signUp(server.url);
		const workshop = await createWorkshop(server.url, facilitator, 'Priorités de l’accueil');
		const fLive = liveClient(server.url, workshop.id, { cookie: facilitator });
		await connected(fLive);
		const agenda: Phase[] = [
			{ id: 'vote', type: 'vote', title: 'Vote', minutes: 10, instructions: '', settings: { dots: 5, maxDotsPerItem: 3 } },
			{ id: 'prio', type: 'priorities', title: 'Priorités', minutes: 10, instructions: '', settings: { top: 3 } },
			{ id: 'prio-anim', type: 'priorities', title: 'Priorités (animation)', minutes: 10, instructions: '', settings: { top: 3, placedBy: 'facilitator' } },
			{ id: 'fin', type: 'free', title: 'Fin', minutes: 5, instructions: '', settings: {} }
		];
		expect(await send(fLive, 'agenda.save', { commandId: cmd(), phases: agenda })).toMatchObject({ ok: true });
		const editor = syncClient(server.url, workshop.id, { cookie: facilitator });
		await editor.synced;
		const c = ['c0', 'c1', 'c2', 'c3', 'c4'];
		editor.doc.transact(() => c.forEach((id, i) => createCluster(editor.doc, { id, label: `Regroupement ${i}`, now: Date.now() })));

		const people: Array<[string, Category]> = [
			['a1', 'agent'],
			['a2', 'agent'],
			['u1', 'usager'],
			['u2', 'usager'],
			['e1', 'elu']
		];
		const sockets = new Map<string, Socket>();
		const cookies = new Map<string, string>();
		for (const [name, category] of people) cookies.set(name, await joinAs(server.url, workshop.joinCode, name, category));
		for (const [name, cookie] of cookies) sockets.set(name, liveClient(server.url, workshop.id, { cookie }));
		const observer = liveClient(server.url, workshop.id, { cookie: await observerCookie(server.url, workshop.id, facilitator) });
		await Promise.all([...sockets.values(), observer].map(connected));
		const p = (name: string) => sockets.get(name)!;
		const state = watch<PrioritiesState | null>(fLive, 'priorities.state');
		const mine = watch<MyPlacements>(p('a1'), 'priorities.mine');

		// The vote: parity ranking c0, c1, c2, c3 (c4 has no dot).
		expect(await send(fLive, 'phase.start', { commandId: cmd() })).toMatchObject({ ok: true });
		expect(await place(p('a1'), 'c0', 50, 50)).toMatchObject({ ok: false, error: { code: 'phase_closed' } });
		const ballots: Record<string, Record<string, number>> = {
			a1: { c0: 3, c1: 2 },
			a2: { c0: 3, c2: 2 },
			u1: { c0: 3, c1: 2 },
			u2: { c1: 3, c2: 1, c3: 1 },
			e1: { c0: 3, c1: 1, c2: 1 }
		};
		for (const [name, ballot] of Object.entries(ballots))
			for (const [itemId, dots] of Object.entries(ballot)) expect(await send(p(name), 'vote.set', { commandId: cmd(), itemId, dots })).toMatchObject({ ok: true });
		expect(await send(fLive, 'vote.reveal', { commandId: cmd() })).toMatchObject({ ok: true });
		expect(await send(fLive, 'phase.skip', { commandId: cmd() })).toMatchObject({ ok: true });

		await eventually(() => state.last?.phaseId === 'prio', 'the priorities state');
		expect(state.last!.items).toEqual([
			{ id: 'c0', label: 'Regroupement 0' },
			{ id: 'c1', label: 'Regroupement 1' },
			{ id: 'c2', label: 'Regroupement 2' }
		]);
		expect(state.last).toMatchObject({ placedBy: 'participants', placers: 0, confirmed: [] });

		const placements: Array<[string, number, number]> = [
			['a1', 20, 80],
			['a2', 40, 60],
			['u1', 90, 30],
			['u2', 70, 10],
			['e1', 50, 50]
		];
		for (const [name, d, f] of placements) expect(await place(p(name), 'c0', d, f)).toEqual({ ok: true, value: { itemId: 'c0', desirability: d, feasibility: f } });
		// Placing again moves it; a retry with the same commandId is applied once.
		const again = cmd();
		expect(await place(p('a1'), 'c0', 30, 80, again)).toMatchObject({ ok: true });
		expect(await place(p('a1'), 'c0', 30, 80, again)).toMatchObject({ ok: true, value: { desirability: 30 } });
		expect(await place(p('u1'), 'c1', 100, 0)).toMatchObject({ ok: true });

		await eventually(() => state.last?.placers === 5 && state.last.medians[1].placers === 1, 'the medians');
		const [c0, c1, c2] = state.last!.medians;
		expect(c0).toEqual({
			itemId: 'c0',
			placers: 5,
			overall: { desirability: 50, feasibility: 50 },
			byCategory: [
				{ category: 'agent', placers: 2, desirability: 35, feasibility: 70 },
				{ category: 'usager', placers: 2, desirability: 80, feasibility: 20 },
				{ category: 'elu', placers: 1, desirability: 50, feasibility: 50 }
			]
		});
		expect(c1.overall).toEqual({ desirability: 100, feasibility: 0 });
		expect(c2).toMatchObject({ placers: 0, overall: null });
		await eventually(() => mine.last?.placements.c0?.desirability === 30, 'a1’s own placements');
		expect(mine.last).toEqual({ phaseId: 'prio', placements: { c0: { desirability: 30, feasibility: 80 } } });

		// Forged: off the matrix, not a whole number, not in the top, an unknown field.
		expect(await place(p('a2'), 'c1', 101, 50)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		expect(await place(p('a2'), 'c1', 50, -1)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		expect(await place(p('a2'), 'c1', 50.5, 50)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		expect(await place(p('a2'), 'c3', 50, 50)).toMatchObject({ ok: false, error: { code: 'not_found' } });
		expect(await place(p('a2'), 'c4', 50, 50)).toMatchObject({ ok: false, error: { code: 'not_found' } });
		expect(await send(p('a2'), 'priority.place', { commandId: cmd(), itemId: 'c1', desirability: 1, feasibility: 1, category: 'elu' })).toMatchObject({
			ok: false,
			error: { code: 'invalid_input' }
		});
		// An observer never places; the facilitator has no collège while participants place.
		expect(await place(observer, 'c1', 50, 50)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(await place(fLive, 'c1', 50, 50)).toMatchObject({ ok: false, error: { code: 'forbidden' } });

		// Confirm: the facilitator only, among the items to place, in the order given.
		expect(await send(p('a1'), 'priority.confirm', { commandId: cmd(), itemIds: ['c0'] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(await send(observer, 'priority.confirm', { commandId: cmd(), itemIds: ['c0'] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(await send(fLive, 'priority.confirm', { commandId: cmd(), itemIds: ['c0', 'c3'] })).toMatchObject({ ok: false, error: { code: 'not_found' } });
		expect(await send(fLive, 'priority.confirm', { commandId: cmd(), itemIds: ['c0', 'c0'] })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		expect(await send(fLive, 'priority.confirm', { commandId: cmd(), itemIds: ['c2', 'c0'] })).toEqual({ ok: true, value: { itemIds: ['c2', 'c0'] } });
		await eventually(() => state.last?.confirmed.length === 2, 'the confirmed priorities');
		expect(state.last!.confirmed).toEqual([
			{ id: 'c2', label: 'Regroupement 2' },
			{ id: 'c0', label: 'Regroupement 0' }
		]);

		// placedBy facilitator: participants are refused, the facilitator places.
		expect(await send(fLive, 'phase.skip', { commandId: cmd() })).toMatchObject({ ok: true });
		await eventually(() => state.last?.phaseId === 'prio-anim', 'the second priorities phase');
		expect(state.last!.placedBy).toBe('facilitator');
		expect(await place(p('u1'), 'c0', 50, 50)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(await place(fLive, 'c0', 90, 90)).toMatchObject({ ok: true });
		await eventually(() => state.last?.medians[0].byCategory[0]?.category === 'facilitator', 'the facilitator’s placement');

		// Outside the phase: refused; the last matrix stays on the screens, and can still be confirmed.
		expect(await send(fLive, 'phase.skip', { commandId: cmd() })).toMatchObject({ ok: true });
		expect(await place(p('u1'), 'c0', 50, 50)).toMatchObject({ ok: false, error: { code: 'phase_closed' } });
		// (The facilitator places only where a phase hands it the placing: elsewhere they have no collège for it.)
		expect(await place(fLive, 'c0', 50, 50)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(await send(fLive, 'priority.confirm', { commandId: cmd(), itemIds: ['c0'] })).toMatchObject({ ok: true });
		await eventually(() => state.last?.phaseId === 'prio-anim' && state.last.confirmed.length === 1, 'the last matrix after the phase');

		// The last phase over, the same join link shows everyone the confirmed priorities, in their order, under each phase.
		expect(await send(fLive, 'phase.skip', { commandId: cmd() })).toMatchObject({ ok: true });
		const prioritiesShown = async (cookie: string) => {
			const html = await (await fetch(`${server.url}/j/${workshop.joinCode}`, { headers: { 'accept-language': 'fr', cookie } })).text();
			const section = /<section aria-labelledby="restitution-priorities"[^>]*>([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
			return [...section.matchAll(/<(h3|li)[^>]*>([^<]*)</g)].map((m) => `${m[1]}: ${m[2]}`);
		};
		const expected = ['h3: Priorités', 'li: Regroupement 2', 'li: Regroupement 0', 'h3: Priorités (animation)', 'li: Regroupement 0'];
		expect(await prioritiesShown('')).toEqual(expected);
		// A phone that reloads its join link sees the same.
		expect(await prioritiesShown(cookies.get('u1')!)).toEqual(expected);

		for (const s of [...sockets.values(), observer, fLive]) s.close();
		editor.destroy();
	}, 120_000);
});

/** Opens the workshop's observer link as a projector would; returns its cookie. */
async function observerCookie(base: string, workshopId: string, owner: string): Promise<string> {
	const page = await (await peopleAction(base, workshopId, 'observer', {}, owner)).text();
	const path = /\/o\/[a-z2-7]+/.exec(page)?.[0];
	return cookieFrom(await fetch(`${base}${path}`, { redirect: 'manual' }), /^concerto_o_/);
}
