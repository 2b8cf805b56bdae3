import type { Socket } from 'socket.io-client';
import { describe, expect, test } from 'vitest';
import type { RunningServer } from '../helpers/server-process.ts';
import { testServers } from '../helpers/test-servers.ts';
import { liveClient, connected, send, eventually } from '../helpers/clients.ts';
import { createWorkshop, joinAs, observerCookie, signUp } from '../helpers/http.ts';
import type { Phase } from '../../src/lib/domain/agenda/phase.ts';
import type { Category } from '../../src/lib/domain/workshop/categories.ts';
import type { MyPoll, PollState } from '../../src/lib/protocol/live.ts';

/**
 * Issue 10: quick polls. Real servers, real socket.io clients joined through the join page.
 * Answers are rows in PostgreSQL; before the reveal a client learns only how many answered,
 * by collège, and its own answer — unless the phase shows live results.
 */

const { engines, start } = testServers('poll answers');

let n = 0;
const cmd = (prefix = 'poll') => `${prefix}-${Date.now().toString(36)}-${n++}`;
const CHOICES = ['En ligne', 'Au guichet', 'Par téléphone'];

/** A workshop with an ideation phase, a poll, then a free phase; started at the ideation. */
async function pollWorkshop(server: RunningServer, settings: Phase['settings'] = {}) {
	const facilitator = await signUp(server.url);
	const workshop = await createWorkshop(server.url, facilitator, 'Accueil des usagers');
	const fLive = liveClient(server.url, workshop.id, { cookie: facilitator });
	await connected(fLive);
	const agenda: Phase[] = [
		{ id: 'idees', type: 'ideation', title: 'Idées', minutes: 10, instructions: '', settings: {} },
		{ id: 'sondage', type: 'poll', title: 'Question', minutes: 3, instructions: '', settings: { question: 'Comment faites-vous vos démarches ?', choices: CHOICES, ...settings } },
		{ id: 'fin', type: 'free', title: 'Fin', minutes: 5, instructions: '', settings: {} }
	];
	expect(await send(fLive, 'agenda.save', { commandId: cmd(), phases: agenda })).toMatchObject({ ok: true });
	expect(await send(fLive, 'phase.start', { commandId: cmd() })).toMatchObject({ ok: true });
	return { facilitator, workshop, fLive };
}

const answer = (s: Socket, choices: number[], commandId = cmd()) => send<{ choices: number[] }>(s, 'poll.answer', { commandId, choices }, 30_000);

/** The next poll.state a socket hears after reconnecting (what a late joiner gets). */
async function freshState(s: Socket): Promise<PollState | null> {
	const state = new Promise<PollState | null>((resolve) => s.once('poll.state', resolve));
	s.disconnect().connect();
	return state;
}


describe.each(engines)('answers on $name', (engine) => {
	test('each answer is stored once (the last one counts) and tallied exactly by collège', async () => {
		const server = await engine.start();
		const { workshop, fLive } = await pollWorkshop(server, { multiple: true });
		const colleges: Category[] = ['agent', 'usager', 'elu'];
		const PEOPLE = 30;
		const cookies = await Promise.all(Array.from({ length: PEOPLE }, (_, i) => joinAs(server.url, workshop.joinCode, `P${i}`, colleges[i % 3])));
		const sockets = cookies.map((cookie) => liveClient(server.url, workshop.id, { cookie }));
		await Promise.all(sockets.map(connected));
		expect(await send(fLive, 'phase.skip', { commandId: cmd() })).toMatchObject({ ok: true });

		// Person i picks choice i % 3, and also choice 2 when i % 4 === 0; every fifth first answers
		// something else and changes their mind; every seventh sends its command twice (a retry).
		const final = (i: number) => [...new Set([i % 3, ...(i % 4 === 0 ? [2] : [])])].sort();
		await Promise.all(
			sockets.map(async (s, i) => {
				if (i % 5 === 0) expect(await answer(s, [0, 1, 2])).toMatchObject({ ok: true });
				const id = cmd(`p${i}`);
				const results = await Promise.all(i % 7 === 0 ? [answer(s, final(i), id), answer(s, final(i), id)] : [answer(s, final(i), id)]);
				for (const r of results) expect(r, `person ${i}`).toEqual({ ok: true, value: { choices: final(i) } });
			})
		);

		const expected = (choice: number, c?: Category) =>
			Array.from({ length: PEOPLE }, (_, i) => i).filter((i) => (!c || colleges[i % 3] === c) && final(i).includes(choice)).length;
		expect(await send(fLive, 'poll.reveal', { commandId: cmd() })).toMatchObject({ ok: true, value: { revealed: true } });
		const state = (await freshState(fLive))!;
		expect(state).toMatchObject({ phaseId: 'sondage', revealed: true, answered: PEOPLE, answeredByCategory: { agent: 10, usager: 10, elu: 10 } });
		const results = state.results!;
		expect(results.respondents).toBe(PEOPLE);
		for (const choice of [0, 1, 2]) {
			expect(results.choices[choice].count, `choice ${choice}`).toBe(expected(choice));
			for (const c of colleges) expect(results.choices[choice].colleges.find((x) => x.category === c)?.count, `${c} on ${choice}`).toBe(expected(choice, c));
		}
		// Each person's own answer comes back to them on connect.
		const mine = await new Promise<MyPoll>((resolve) => {
			sockets[4].once('poll.mine', resolve);
			sockets[4].disconnect().connect();
		});
		expect(mine).toEqual({ phaseId: 'sondage', choices: final(4) });
		for (const s of sockets) s.close();
		fLive.close();
	}, 240_000);
});

describe('forged and bad answers', () => {
	test('each is refused with a clear code and changes nothing', async () => {
		const server = await start();
		const { facilitator, workshop, fLive } = await pollWorkshop(server, { categories: ['usager', 'agent'] });
		const lea = liveClient(server.url, workshop.id, { cookie: await joinAs(server.url, workshop.joinCode, 'Léa', 'usager') });
		const elu = liveClient(server.url, workshop.id, { cookie: await joinAs(server.url, workshop.joinCode, 'Marc', 'elu') });
		const observer = liveClient(server.url, workshop.id, { cookie: await observerCookie(server.url, workshop.id, facilitator) });
		await Promise.all([connected(lea), connected(elu), connected(observer)]);

		// Outside the poll phase (ideation is on).
		expect(await answer(lea, [0])).toMatchObject({ ok: false, error: { code: 'phase_closed' } });
		expect(await send(fLive, 'poll.reveal', { commandId: cmd() })).toMatchObject({ ok: false, error: { code: 'conflict' } });
		expect(await send(fLive, 'phase.skip', { commandId: cmd() })).toMatchObject({ ok: true });

		expect(await answer(lea, [1])).toEqual({ ok: true, value: { choices: [1] } });
		// One answer only: two choices are refused; so are a choice the poll lacks and malformed ones.
		expect(await answer(lea, [0, 2])).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('one answer only') } });
		expect(await answer(lea, [3])).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('no such choice') } });
		expect(await answer(lea, [12])).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		expect(await answer(lea, [])).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		expect(await answer(lea, [-1])).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		expect(await send(lea, 'poll.answer', { commandId: cmd(), choices: [0.5] })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		expect(await send(lea, 'poll.answer', { commandId: cmd(), choices: [0], category: 'elu' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		// A collège not invited; a facilitator (no collège); an observer.
		expect(await answer(elu, [0])).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(await answer(fLive, [0])).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(await answer(observer, [0])).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		// Someone else's commandId; a participant revealing.
		const taken = cmd('taken');
		expect(await answer(lea, [1], taken)).toMatchObject({ ok: true });
		expect(await answer(elu, [2], taken)).toMatchObject({ ok: false, error: { code: 'conflict' } });
		expect(await send(lea, 'poll.reveal', { commandId: cmd() })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

		// Revealed: no more answers; after the phase closed, none either.
		expect(await send(fLive, 'poll.reveal', { commandId: cmd() })).toMatchObject({ ok: true, value: { revealed: true } });
		expect(await answer(lea, [0])).toMatchObject({ ok: false, error: { code: 'phase_closed' } });
		expect(await send(fLive, 'phase.skip', { commandId: cmd() })).toMatchObject({ ok: true });
		expect(await answer(lea, [2])).toMatchObject({ ok: false, error: { code: 'phase_closed' } });

		// What was stored is exactly Léa's one answer; the results stay up after the phase.
		const s = (await freshState(fLive))!;
		expect(s).toMatchObject({ phaseId: 'sondage', revealed: true, answered: 1, answeredByCategory: { usager: 1 } });
		expect(s.results!.choices.map((c) => c.count)).toEqual([0, 1, 0]);
		for (const x of [lea, elu, fLive, observer]) x.close();
	}, 120_000);

	test('leaving the poll reveals it', async () => {
		const server = await start();
		const { workshop, fLive } = await pollWorkshop(server);
		const lea = liveClient(server.url, workshop.id, { cookie: await joinAs(server.url, workshop.joinCode, 'Léa', 'usager') });
		await connected(lea);
		expect(await send(fLive, 'phase.skip', { commandId: cmd() })).toMatchObject({ ok: true });
		expect(await answer(lea, [2])).toMatchObject({ ok: true });
		expect(await send(fLive, 'phase.skip', { commandId: cmd() })).toMatchObject({ ok: true });
		const s = (await freshState(lea))!;
		expect(s.revealed).toBe(true);
		expect(s.results!.choices[2].count).toBe(1);
		lea.close();
		fLive.close();
	}, 60_000);
});

describe('secrecy', () => {
	/** Awa answers; returns every poll message Bruno's socket heard up to his hearing that one person answered. */
	async function watchOneAnswer(settings: Phase['settings']) {
		const server = await start();
		const { workshop, fLive } = await pollWorkshop(server, settings);
		const a = liveClient(server.url, workshop.id, { cookie: await joinAs(server.url, workshop.joinCode, 'Awa', 'usager') });
		const b = liveClient(server.url, workshop.id, { cookie: await joinAs(server.url, workshop.joinCode, 'Bruno', 'agent') });
		const seen: Array<{ event: string; args: unknown[] }> = [];
		b.onAny((event: string, ...args: unknown[]) => seen.push({ event, args }));
		await Promise.all([connected(a), connected(b)]);
		expect(await send(fLive, 'phase.skip', { commandId: cmd() })).toMatchObject({ ok: true });
		expect(await answer(a, [2])).toMatchObject({ ok: true });
		await eventually(() => seen.some((m) => m.event === 'poll.state' && (m.args[0] as PollState)?.answered === 1), 'Bruno hears that one person answered', 10_000);
		const states = seen.filter((m) => m.event === 'poll.state' && m.args[0] !== null).map((m) => m.args[0] as PollState);
		return { states, seen, close: () => [a, b, fLive].forEach((x) => x.close()) };
	}

	test('with live results off, another participant gets no count per choice before the reveal, nor anyone\'s answer', async () => {
		const { states, seen, close } = await watchOneAnswer({});
		for (const s of states) {
			expect(s.results).toBeNull();
			expect(Object.keys(s)).toEqual(['phaseId', 'revealed', 'liveResults', 'question', 'choices', 'multiple', 'answered', 'answeredByCategory', 'results']);
		}
		expect(states.at(-1)).toMatchObject({ answered: 1, answeredByCategory: { usager: 1 } });
		// Bruno never answered: no poll.mine of his carries a choice, and none of Awa's reaches him.
		for (const m of seen.filter((x) => x.event === 'poll.mine')) expect((m.args[0] as MyPoll).choices).toEqual([]);
		close();
	}, 60_000);

	test('with live results on, everyone gets the counts per choice by collège as answers come', async () => {
		const { states, seen, close } = await watchOneAnswer({ liveResults: true });
		const last = states.at(-1)!;
		expect(last.revealed).toBe(false);
		expect(last.results!.choices.map((c) => c.count)).toEqual([0, 0, 1]);
		expect(last.results!.choices[2].colleges).toEqual([{ category: 'usager', count: 1, share: 1 }]);
		expect(JSON.stringify(seen)).not.toContain('participantId');
		close();
	}, 60_000);
});
