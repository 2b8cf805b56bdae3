import type { Socket } from 'socket.io-client';
import { describe, expect, test } from 'vitest';
import type { RunningServer } from '../helpers/server-process.ts';
import { testServers } from '../helpers/test-servers.ts';
import { syncClient, liveClient, connected, send, eventually } from '../helpers/clients.ts';
import { createWorkshop, joinAs, observerCookie, signUp } from '../helpers/http.ts';
import { prng } from '../helpers/prng.ts';
import { createCluster, dissolveCluster, isLiveCluster } from '../../src/lib/domain/board/clusters.ts';
import { insertNote } from '../../src/lib/domain/board/notes.ts';
import type { Phase } from '../../src/lib/domain/agenda/phase.ts';
import type { Category } from '../../src/lib/domain/workshop/categories.ts';
import type { MyVotes, VoteState } from '../../src/lib/protocol/live.ts';

/**
 * Issue 10: dot votes. Real servers, real socket.io clients joined through the join page, real
 * y-websocket providers. Votes are rows in PostgreSQL; before the reveal a client learns only
 * how many voted, by collège, and its own dots.
 */

const { engines, start } = testServers('300 voters');

/** Each test workshop's facilitator cookie. */
const ownerOf = new Map<string, string>();
let n = 0;
const cmd = (prefix = 'vote') => `${prefix}-${Date.now().toString(36)}-${n++}`;
const DOTS = 5;
const CAP = 3;

/** A workshop whose board has `items` clusters, an ideation phase, then a vote phase; started at the ideation. */
async function votingWorkshop(server: RunningServer, items: number, voteSettings: Phase['settings'] = {}) {
	const facilitator = await signUp(server.url);
	const workshop = await createWorkshop(server.url, facilitator, 'Vote des priorités');
	ownerOf.set(workshop.id, facilitator);
	const fLive = liveClient(server.url, workshop.id, { cookie: facilitator });
	await connected(fLive);
	const agenda: Phase[] = [
		{ id: 'idees', type: 'ideation', title: 'Idées', minutes: 10, instructions: '', settings: {} },
		{ id: 'vote', type: 'vote', title: 'Vote', minutes: 10, instructions: '', settings: { dots: DOTS, maxDotsPerItem: CAP, ...voteSettings } },
		{ id: 'fin', type: 'free', title: 'Fin', minutes: 5, instructions: '', settings: {} }
	];
	expect(await send(fLive, 'agenda.save', { commandId: cmd(), phases: agenda })).toMatchObject({ ok: true });
	expect(await send(fLive, 'phase.start', { commandId: cmd() })).toMatchObject({ ok: true });
	const editor = syncClient(server.url, workshop.id, { cookie: facilitator });
	await editor.synced;
	const itemIds = Array.from({ length: items }, (_, i) => `cluster-${String(i).padStart(2, '0')}`);
	editor.doc.transact(() => itemIds.forEach((id, i) => createCluster(editor.doc, { id, label: `Regroupement ${i}`, now: Date.now() })));
	return { facilitator, workshop, fLive, editor, itemIds };
}

const vote = (s: Socket, itemId: string, dots: number, commandId = cmd()) => send<{ itemId: string; dots: number; left: number }>(s, 'vote.set', { commandId, itemId, dots }, 30_000);


describe.each(engines)('300 voters at once on $name', (engine) => {
	test('every vote is stored once, the tally is exact, nobody exceeds the budget or the cap', async () => {
		const server = await engine.start();
		const { workshop, fLive, editor, itemIds } = await votingWorkshop(server, 20);
		const colleges: Category[] = ['agent', 'usager', 'elu', 'expert'];
		const VOTERS = 300;
		const cookies: string[] = [];
		for (let i = 0; i < VOTERS; i += 20)
			cookies.push(...(await Promise.all(Array.from({ length: Math.min(20, VOTERS - i) }, (_, j) => joinAs(server.url, workshop.joinCode, `V${i + j}`, colleges[(i + j) % 4])))));
		const sockets = cookies.map((cookie) => liveClient(server.url, workshop.id, { cookie }));
		await Promise.all(sockets.map(connected));
		expect(await send(fLive, 'phase.skip', { commandId: cmd() })).toMatchObject({ ok: true });

		// Each voter's plan: a few items with 1-3 dots, within the budget; some send each command twice (a retry),
		// some drop their connection half-way and finish after reconnecting.
		const expected = new Map<string, number>();
		const r = prng(20261128);
		await Promise.all(
			sockets.map(async (socket, i) => {
				let left = DOTS;
				const plan: Array<[string, number]> = [];
				for (const itemId of [...itemIds].sort(() => r.int(3) - 1)) {
					if (left === 0) break;
					const dots = Math.min(left, 1 + r.int(CAP));
					plan.push([itemId, dots]);
					left -= dots;
				}
				const retries = i % 7 === 0;
				const drops = i % 50 === 3;
				for (const [k, [itemId, dots]] of plan.entries()) {
					if (drops && k === 1) {
						socket.disconnect();
						socket.connect();
						await connected(socket);
					}
					const commandId = cmd(`v${i}`);
					const results = await Promise.all(retries ? [vote(socket, itemId, dots, commandId), vote(socket, itemId, dots, commandId)] : [vote(socket, itemId, dots, commandId)]);
					for (const res of results) expect(res, `voter ${i} on ${itemId}`).toMatchObject({ ok: true, value: { itemId, dots } });
					expected.set(itemId, (expected.get(itemId) ?? 0) + dots);
				}
			})
		);

		// Revealed: the stored tally, as every screen gets it, equals the one planned, item by item.
		const states = new Map<Socket, VoteState | null>();
		fLive.on('vote.state', (s: VoteState | null) => states.set(fLive, s));
		expect(await send(fLive, 'vote.reveal', { commandId: cmd() })).toMatchObject({ ok: true, value: { revealed: true } });
		await eventually(() => states.get(fLive)?.revealed === true, 'the revealed results', 15_000);
		const results = states.get(fLive)!.results!;
		expect(states.get(fLive)!.voters).toBe(VOTERS);
		for (const id of itemIds) expect(results.items.find((i) => i.itemId === id)?.total ?? 0, id).toBe(expected.get(id) ?? 0);
		expect(results.dots).toBe([...expected.values()].reduce((a, b) => a + b, 0));
		for (const c of colleges) expect(results.colleges.find((x) => x.category === c)?.voters).toBe(VOTERS / 4);
		// The whole room reconnecting at once (the workshop-wide reads are shared then, see
		// server/db/turn-reads.ts): each phone gets the revealed results as the facilitator saw
		// them, and its own dots back, none over the budget.
		for (const s of sockets) s.close();
		const back = await Promise.all(
			cookies.map(async (cookie) => {
				const s = liveClient(server.url, workshop.id, { cookie });
				const state = new Promise<VoteState | null>((resolve) => s.on('vote.state', resolve));
				const mine = new Promise<MyVotes>((resolve) => s.on('vote.mine', resolve));
				await connected(s);
				const got = { state: await state, mine: await mine };
				s.close();
				return got;
			})
		);
		for (const { state, mine } of back) {
			expect(state?.revealed).toBe(true);
			expect(state?.results).toEqual(results);
			expect(Object.values(mine.dots).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(DOTS);
			for (const d of Object.values(mine.dots)) expect(d).toBeLessThanOrEqual(CAP);
		}
		const mineTotal = back.reduce((t, { mine }) => t + Object.values(mine.dots).reduce((a, b) => a + b, 0), 0);
		expect(mineTotal, 'everyone’s own dots, summed').toBe(results.dots);
		fLive.close();
		editor.destroy();
	}, 240_000);
});

describe('forged and bad votes', () => {
	test('each is refused with a clear code and changes nothing', async () => {
		const server = await start();
		const { workshop, fLive, editor, itemIds } = await votingWorkshop(server, 4, { categories: ['usager', 'agent'] });
		const lea = liveClient(server.url, workshop.id, { cookie: await joinAs(server.url, workshop.joinCode, 'Léa', 'usager') });
		const elu = liveClient(server.url, workshop.id, { cookie: await joinAs(server.url, workshop.joinCode, 'Marc', 'elu') });
		const observer = liveClient(server.url, workshop.id, { cookie: await observerCookie(server.url, workshop.id, ownerOf.get(workshop.id)!) });
		await Promise.all([connected(lea), connected(elu), connected(observer)]);

		// Outside the vote phase (ideation is on).
		expect(await vote(lea, itemIds[0], 1)).toMatchObject({ ok: false, error: { code: 'phase_closed' } });
		expect(await send(fLive, 'phase.skip', { commandId: cmd() })).toMatchObject({ ok: true });

		expect(await vote(lea, itemIds[0], 3)).toMatchObject({ ok: true, value: { dots: 3, left: 2 } });
		// Over the cap, over the budget.
		expect(await vote(lea, itemIds[1], 4)).toMatchObject({ ok: false, error: { code: 'over_cap' } });
		expect(await vote(lea, itemIds[1], 3)).toMatchObject({ ok: false, error: { code: 'over_budget' } });
		// Unknown and deleted items.
		expect(await vote(lea, 'no-such-item', 1)).toMatchObject({ ok: false, error: { code: 'not_found' } });
		// A collège not invited; a facilitator (no collège).
		expect(await vote(elu, itemIds[1], 1)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(await vote(fLive, itemIds[1], 1)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(await vote(observer, itemIds[1], 1)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		// A cluster removed mid-vote is no longer votable.
		const watcher = syncClient(server.url, workshop.id, { cookie: ownerOf.get(workshop.id)! });
		await watcher.synced;
		dissolveCluster(editor.doc, itemIds[3], Date.now());
		// Seen by another connection: the server has applied it.
		await eventually(() => !isLiveCluster(watcher.doc, itemIds[3]), 'the removal to reach the server');
		watcher.destroy();
		expect(await vote(lea, itemIds[3], 1)).toMatchObject({ ok: false, error: { code: 'not_found' } });
		// Someone else's commandId.
		const taken = cmd('taken');
		expect(await vote(lea, itemIds[1], 1, taken)).toMatchObject({ ok: true });
		expect(await vote(elu, itemIds[2], 1, taken)).toMatchObject({ ok: false, error: { code: 'conflict' } });
		// Malformed: negative, fractional, unknown field.
		expect(await send(lea, 'vote.set', { commandId: cmd(), itemId: itemIds[2], dots: -1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		expect(await send(lea, 'vote.set', { commandId: cmd(), itemId: itemIds[2], dots: 1.5 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		expect(await send(lea, 'vote.set', { commandId: cmd(), itemId: itemIds[2], dots: 1, category: 'elu' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		// Participants cannot reveal or count paper dots.
		expect(await send(lea, 'vote.reveal', { commandId: cmd() })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(await send(lea, 'vote.paper', { commandId: cmd(), itemId: itemIds[0], category: 'usager', dots: 9 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

		// Two tabs at once, each within the budget alone and over it together: exactly one is stored
		// (sent behind a first command, so both likely wait for the same batch).
		const [, ...both] = await Promise.all([vote(lea, itemIds[2], 0), vote(lea, itemIds[1], 2), vote(lea, itemIds[2], 1)]);
		expect(both.filter((r) => r.ok)).toHaveLength(1);
		expect(both.find((r) => !r.ok)).toMatchObject({ error: { code: 'over_budget' } });
		const movedToTwo = both[0].ok;

		// After the phase closed: the results are revealed on leaving it, and votes are refused.
		expect(await send(fLive, 'phase.skip', { commandId: cmd() })).toMatchObject({ ok: true });
		expect(await vote(lea, itemIds[2], 1)).toMatchObject({ ok: false, error: { code: 'phase_closed' } });

		// What was stored is exactly Léa's accepted votes.
		const state = new Promise<VoteState | null>((resolve) => fLive.once('vote.state', resolve));
		fLive.disconnect().connect();
		const s = (await state)!;
		expect(s.revealed).toBe(true);
		expect(s.results!.items.filter((i) => i.total > 0).map((i) => [i.itemId, i.total])).toEqual(
			movedToTwo
				? [
						[itemIds[0], 3],
						[itemIds[1], 2]
					]
				: [
						[itemIds[0], 3],
						[itemIds[1], 1],
						[itemIds[2], 1]
					]
		);
		for (const x of [lea, elu, fLive, observer]) x.close();
		editor.destroy();
	}, 120_000);

	test('one\'s own notes are refused when the phase says so', async () => {
		const server = await start();
		const facilitator = await signUp(server.url);
		const workshop = await createWorkshop(server.url, facilitator, 'Vote sur les idées');
		const fLive = liveClient(server.url, workshop.id, { cookie: facilitator });
		await connected(fLive);
		const agenda: Phase[] = [
			{ id: 'idees', type: 'ideation', title: 'Idées', minutes: 10, instructions: '', settings: {} },
			{ id: 'vote', type: 'vote', title: 'Vote', minutes: 10, instructions: '', settings: { voteOn: 'notes', ownItems: false } }
		];
		expect(await send(fLive, 'agenda.save', { commandId: cmd(), phases: agenda })).toMatchObject({ ok: true });
		expect(await send(fLive, 'phase.start', { commandId: cmd() })).toMatchObject({ ok: true });
		const lea = liveClient(server.url, workshop.id, { cookie: await joinAs(server.url, workshop.joinCode, 'Léa', 'usager') });
		await connected(lea);
		const own = await send<{ noteId: string }>(lea, 'note.add', { commandId: cmd('note'), text: 'Mon idée' });
		const editor = syncClient(server.url, workshop.id, { cookie: facilitator });
		await editor.synced;
		insertNote(editor.doc, { id: 'other-note', text: 'Une autre idée', x: 0, y: 0, color: 'yellow', authorId: 'someone', authorCategory: 'agent', createdAt: 1, updatedAt: 1 });
		expect(await send(fLive, 'phase.skip', { commandId: cmd() })).toMatchObject({ ok: true });
		expect(own.ok && (await vote(lea, own.value.noteId, 1))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(await vote(lea, 'other-note', 1)).toMatchObject({ ok: true });
		lea.close();
		fLive.close();
		editor.destroy();
	}, 60_000);
});

describe('secrecy until the reveal', () => {
	test('a second participant\'s socket and sync connection receive no count per item and no one else\'s dots', async () => {
		const server = await start();
		const { workshop, fLive, editor, itemIds } = await votingWorkshop(server, 3);
		const aCookie = await joinAs(server.url, workshop.joinCode, 'Awa', 'usager');
		const bCookie = await joinAs(server.url, workshop.joinCode, 'Bruno', 'agent');
		const a = liveClient(server.url, workshop.id, { cookie: aCookie });
		const b = liveClient(server.url, workshop.id, { cookie: bCookie });
		const seen: Array<{ event: string; args: unknown[] }> = [];
		b.onAny((event: string, ...args: unknown[]) => seen.push({ event, args }));
		const bSync = syncClient(server.url, workshop.id, { cookie: bCookie });
		const syncBytes: Uint8Array[] = [];
		bSync.doc.on('update', (u: Uint8Array) => syncBytes.push(u));
		await Promise.all([connected(a), connected(b), bSync.synced]);
		expect(await send(fLive, 'phase.skip', { commandId: cmd() })).toMatchObject({ ok: true });

		// Awa puts an odd number of dots (7 would be visible anywhere: 3 + 2 + 2 makes it stand out by item).
		expect(await vote(a, itemIds[0], 3)).toMatchObject({ ok: true });
		expect(await vote(a, itemIds[1], 2)).toMatchObject({ ok: true });
		await eventually(() => seen.some((m) => m.event === 'vote.state' && (m.args[0] as VoteState)?.voters === 1), 'Bruno hears that one person voted', 10_000);

		// Every message Bruno's socket got: only counts of voters, never an item id with dots.
		for (const m of seen) {
			const text = JSON.stringify(m.args);
			for (const id of itemIds) if (m.event.startsWith('vote')) expect(text, `${m.event}: ${text}`).not.toContain(id);
			if (m.event === 'vote.state' && m.args[0] !== null) {
				const v = m.args[0] as VoteState;
				expect(v.results).toBeNull();
				expect(Object.keys(v)).toEqual(['phaseId', 'revealed', 'voters', 'votersByCategory', 'results', 'labels']);
			}
			// Bruno's own ballot may come (his socket's first state can be read once the vote is on):
			// empty, he never voted; never Awa's dots.
			if (m.event === 'vote.mine') expect((m.args[0] as MyVotes).dots).toEqual({});
		}
		// The board's document never holds a vote.
		const docText = JSON.stringify(bSync.doc.toJSON());
		expect(docText).not.toMatch(/dots|vote/i);
		expect(Buffer.concat(syncBytes.map((u) => Buffer.from(u))).toString('latin1')).not.toMatch(/dots/);

		// After the reveal, Bruno sees the results.
		expect(await send(fLive, 'vote.reveal', { commandId: cmd() })).toMatchObject({ ok: true });
		await eventually(() => seen.some((m) => m.event === 'vote.state' && (m.args[0] as VoteState)?.revealed), 'the results', 10_000);
		for (const x of [a, b, fLive]) x.close();
		bSync.destroy();
		editor.destroy();
	}, 60_000);
});
