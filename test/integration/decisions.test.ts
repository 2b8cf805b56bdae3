import postgres from 'postgres';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { liveClient, connected, send, eventually } from '../helpers/clients.ts';
import { cookieFrom, createWorkshop, joinAs, participantId, peopleAction, post, signUp } from '../helpers/http.ts';
import { createTestDatabaseUrl } from '../helpers/databases.ts';
import type { Phase } from '../../src/lib/domain/agenda/phase.ts';
import type { DecisionDraft, DecisionsView } from '../../src/lib/domain/decisions/decision.ts';

/**
 * Decisions and commitments through the built server: facilitators write them over /live,
 * every screen of the workshop receives them; everyone else is refused and nothing changes.
 * PostgreSQL when DATABASE_URL is set (then the history rows are read directly), PGlite otherwise.
 */
let server: RunningServer;
let database: { url: string; drop(): Promise<void> } | null = null;
let sql: postgres.Sql | null = null;
let workshop: { id: string; joinCode: string };
const sockets: Record<'facilitator' | 'participant' | 'editor' | 'observer', Socket> = {} as never;
const latest = new Map<Socket, DecisionsView>();
let ids = 0;
const cmd = () => `decisions-${Date.now()}-${ids++}`;

const agenda: Phase[] = [
	{ id: 'idees', type: 'ideation', title: 'Idées', minutes: 15, instructions: '', settings: {} },
	{ id: 'decisions', type: 'decisions', title: 'Décisions et engagements', minutes: 20, instructions: '', settings: {} }
];
const draft = (extra: Partial<DecisionDraft> = {}): DecisionDraft => ({
	title: 'Un formulaire unique pour les trois démarches',
	text: 'Les agents de l’accueil testent la nouvelle version avec dix usagers.',
	commits: ['agent', 'usager'],
	responsible: 'Service relation usagers',
	dueDate: '2026-06-30',
	answerBy: '2026-03-15',
	status: 'proposed',
	sourceId: null,
	...extra
});

async function watch(cookie: string): Promise<Socket> {
	const s = liveClient(server.url, workshop.id, { cookie });
	s.on('decisions', (view: DecisionsView) => latest.set(s, view));
	await connected(s);
	await eventually(() => latest.has(s), 'the decisions on connect');
	return s;
}
const view = (s: Socket) => latest.get(s)!;
const titles = (s: Socket) => view(s).decisions.map((d) => d.title);
async function saved(input: unknown): Promise<string> {
	const res = await send<{ decisionId: string }>(sockets.facilitator, 'decision.save', input);
	if (!res.ok) throw new Error(res.error.message);
	return res.value.decisionId;
}
async function historyRows(decisionId: string): Promise<{ action: string; title: string }[] | null> {
	if (!sql) return null;
	return sql<{ action: string; title: string }[]>`SELECT action, decision->>'title' AS title FROM decision_history
		WHERE workshop_id = ${workshop.id} AND decision_id = ${decisionId} ORDER BY seq`;
}

beforeAll(async () => {
	if (process.env.DATABASE_URL) {
		database = await createTestDatabaseUrl();
		sql = postgres(database.url, { max: 1, onnotice: () => {} });
	}
	server = await startServer({ databaseUrl: database?.url });
	const owner = await signUp(server.url);
	workshop = await createWorkshop(server.url, owner, 'Accueil en mairie');
	const participant = await joinAs(server.url, workshop.joinCode, 'Fatou', 'usager');
	const editor = await joinAs(server.url, workshop.joinCode, 'Lab', 'agent');
	await peopleAction(server.url, workshop.id, 'role', { participantId: await participantId(server.url, workshop.id, editor), role: 'editor' }, owner);
	const observerPage = await (await peopleAction(server.url, workshop.id, 'observer', {}, owner)).text();
	const opened = await fetch(`${server.url}${/\/o\/[a-z2-7]+/.exec(observerPage)?.[0]}`, { redirect: 'manual' });
	const observer = cookieFrom(opened, /^concerto_o_/);
	sockets.facilitator = await watch(owner);
	sockets.participant = await watch(participant);
	sockets.editor = await watch(editor);
	sockets.observer = await watch(observer);
	expect(await send(sockets.facilitator, 'agenda.save', { commandId: cmd(), phases: agenda })).toMatchObject({ ok: true });
	await send(sockets.facilitator, 'phase.start', { commandId: cmd() });
	await send(sockets.facilitator, 'phase.skip', { commandId: cmd() });
});
afterAll(async () => {
	for (const s of Object.values(sockets)) s?.close();
	await server?.kill();
	if (server) removeDir(server.dataDir);
	await sql?.end();
	await database?.drop();
});

describe('decisions and commitments over /live', () => {
	test('the facilitator saves two decisions; every screen receives them with who commits, responsible and dates', async () => {
		expect(view(sockets.participant)).toEqual({ decisions: [], owners: [] });
		const first = await saved({ commandId: cmd(), decision: draft() });
		const second = await saved({
			commandId: cmd(),
			decision: draft({ title: 'Le maire répond sous un mois', commits: ['owner'], responsible: 'Cabinet du maire', dueDate: null, answerBy: '2026-02-01' })
		});
		for (const who of ['participant', 'editor', 'observer', 'facilitator'] as const)
			await eventually(() => view(sockets[who]).decisions.length === 2, `both decisions on the ${who}’s screen`);
		expect(view(sockets.participant).decisions).toEqual([
			{ id: first, ...draft() },
			{ id: second, ...draft({ title: 'Le maire répond sous un mois', commits: ['owner'], responsible: 'Cabinet du maire', dueDate: null, answerBy: '2026-02-01' }) }
		]);
		expect(await historyRows(first)).toEqual(sql ? [{ action: 'create', title: draft().title }] : null);
	});

	test('participants, editors and observers are refused every decision command, and nothing changes', async () => {
		const before = JSON.stringify(view(sockets.facilitator));
		const target = view(sockets.facilitator).decisions[0].id;
		for (const who of ['participant', 'editor', 'observer'] as const) {
			for (const [event, input] of [
				['decision.save', { decision: draft({ title: 'Forgé' }) }],
				['decision.save', { decision: { ...draft({ title: 'Forgé' }), id: target } }],
				['decision.delete', { decisionId: target }],
				['decision.move', { decisionId: target, position: 1 }],
				['owners.save', { owners: [{ name: 'Intrus', email: 'intrus@exemple.fr', organisation: '' }] }]
			] as const) {
				const res = await send(sockets[who], event, { commandId: cmd(), ...input });
				expect(res, `${who} ${event}`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
			}
		}
		const fresh = await watch(cookieOf(sockets.facilitator));
		expect(JSON.stringify(view(fresh))).toBe(before);
		fresh.close();
	});

	test('bad input is refused with the field; an unknown decision is not found', async () => {
		const refused = async (event: string, input: object) => {
			const res = await send(sockets.facilitator, event, { commandId: cmd(), ...input });
			if (res.ok) throw new Error(`${event} accepted ${JSON.stringify(input)}`);
			return res.error;
		};
		const bad = [
			[{ decision: draft({ title: '   ' }) }, 'decision.title'],
			[{ decision: draft({ title: 'x'.repeat(201) }) }, 'decision.title'],
			[{ decision: draft({ text: 'x'.repeat(2001) }) }, 'decision.text'],
			[{ decision: draft({ dueDate: '2026-02-30' }) }, 'decision.dueDate'],
			[{ decision: draft({ answerBy: '15/03/2026' }) }, 'decision.answerBy'],
			[{ decision: { ...draft(), commits: ['maire'] } }, 'decision.commits.0'],
			[{ decision: { ...draft(), status: 'maybe' } }, 'decision.status'],
			[{ decision: { ...draft(), html: '<b>' } }, 'decision']
		] as const;
		for (const [input, field] of bad) {
			const error = await refused('decision.save', input);
			expect(error.code).toBe('invalid_input');
			expect(error.message).toContain(`decision.save: ${field}`);
		}
		const email = await refused('owners.save', { owners: [{ name: 'Claire', email: 'pas-un-email', organisation: '' }] });
		expect(email).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('owners.0.email') });
		expect(await refused('decision.save', { decision: { ...draft(), id: 'inconnue' } })).toMatchObject({ code: 'not_found' });
		expect(await refused('decision.delete', { decisionId: 'inconnue' })).toMatchObject({ code: 'not_found' });
		expect(await refused('decision.move', { decisionId: 'inconnue', position: 0 })).toMatchObject({ code: 'not_found' });
		expect(view(sockets.facilitator).decisions).toHaveLength(2);
	});

	test('a retry of the same command id is applied once', async () => {
		const commandId = cmd();
		const input = { commandId, decision: draft({ title: 'Une permanence le samedi matin' }) };
		// Two at once (a double tap) and one later (a resend after a lost acknowledgement).
		const [a, b] = await Promise.all([send(sockets.facilitator, 'decision.save', input), send(sockets.facilitator, 'decision.save', input)]);
		const c = await send(sockets.facilitator, 'decision.save', input);
		expect(a).toEqual({ ok: true, value: { decisionId: commandId } });
		expect(b).toEqual(a);
		expect(c).toEqual(a);
		await eventually(() => titles(sockets.participant).includes('Une permanence le samedi matin'), 'the new decision on the phone');
		expect(titles(sockets.facilitator).filter((t) => t === 'Une permanence le samedi matin')).toHaveLength(1);
		expect(await historyRows(commandId)).toEqual(sql ? [{ action: 'create', title: 'Une permanence le samedi matin' }] : null);
	});

	test('edits, moves and deletions reach the phones and are recorded in the history', async () => {
		const [first, second, third] = view(sockets.facilitator).decisions;
		await saved({ commandId: cmd(), decision: { ...first, status: 'confirmed', title: 'Un formulaire unique (confirmé)' } });
		expect(await send(sockets.facilitator, 'decision.move', { commandId: cmd(), decisionId: third.id, position: 0 })).toMatchObject({ ok: true });
		expect(await send(sockets.facilitator, 'decision.delete', { commandId: cmd(), decisionId: second.id })).toMatchObject({ ok: true });
		await eventually(() => view(sockets.participant).decisions.length === 2, 'the deletion on the phone');
		expect(view(sockets.participant).decisions.map((d) => [d.id, d.status])).toEqual([
			[third.id, 'proposed'],
			[first.id, 'confirmed']
		]);
		expect(await historyRows(first.id)).toEqual(
			sql
				? [
						{ action: 'create', title: draft().title },
						{ action: 'update', title: 'Un formulaire unique (confirmé)' }
					]
				: null
		);
		expect((await historyRows(second.id))?.map((r) => r.action) ?? null).toEqual(sql ? ['create', 'delete'] : null);
	});

	test('owners: facilitators see their e-mails, the room sees names and organisations only', async () => {
		const res = await send<{ ownerIds: string[] }>(sockets.facilitator, 'owners.save', {
			commandId: cmd(),
			owners: [{ name: 'Claire Martin', email: 'c.martin@ville.example.fr', organisation: 'Direction générale des services' }]
		});
		if (!res.ok) throw new Error(res.error.message);
		const [ownerId] = res.value.ownerIds;
		await eventually(() => view(sockets.participant).owners.length === 1 && view(sockets.observer).owners.length === 1, 'the owner on the phones');
		expect(view(sockets.facilitator).owners).toEqual([
			{ id: ownerId, name: 'Claire Martin', email: 'c.martin@ville.example.fr', organisation: 'Direction générale des services' }
		]);
		for (const who of ['participant', 'editor', 'observer'] as const)
			expect(view(sockets[who]).owners, who).toEqual([{ id: ownerId, name: 'Claire Martin', organisation: 'Direction générale des services' }]);
	});
});

describe('the project owner named when the workshop is created', () => {
	test('is the workshop’s owner from the start, e-mail for facilitators only; a half-filled owner is refused and nothing is created', async () => {
		const facilitator = await signUp(server.url);
		const form = { title: 'Crash-test du guichet unique', template: 'flash-360', ownerName: 'Claire Martin', ownerEmail: 'c.martin@ville.example.fr', ownerOrganisation: 'DGS' };
		const before = (await (await fetch(`${server.url}/`, { headers: { cookie: facilitator } })).text()).match(/\/w\/[a-z2-7]{16}/g)?.length ?? 0;
		for (const bad of [{ ownerName: '' }, { ownerEmail: 'pas-une-adresse' }, { ownerName: '', ownerEmail: '', ownerOrganisation: 'DGS seule' }]) {
			const res = await post(`${server.url}/?/create`, { ...form, ...bad }, facilitator);
			expect(res.status, JSON.stringify(bad)).toBe(400);
		}
		const after = (await (await fetch(`${server.url}/`, { headers: { cookie: facilitator } })).text()).match(/\/w\/[a-z2-7]{16}/g)?.length ?? 0;
		expect(after).toBe(before);

		const res = await post(`${server.url}/?/create`, form, facilitator);
		const id = /\/w\/([a-z2-7]{16})/.exec(res.headers.get('location') ?? '')?.[1];
		expect(id).toBeTruthy();
		const page = await (await fetch(`${server.url}/w/${id}`, { headers: { cookie: facilitator } })).text();
		const joinCode = /\/j\/([A-Z0-9]{6})/.exec(page)![1];
		const seen = new Map<Socket, DecisionsView>();
		const open = async (cookie: string) => {
			const s = liveClient(server.url, id!, { cookie });
			s.on('decisions', (v: DecisionsView) => seen.set(s, v));
			await connected(s);
			await eventually(() => seen.has(s), 'the decisions on connect');
			return s;
		};
		const [board, phone] = [await open(facilitator), await open(await joinAs(server.url, joinCode, 'Fatou', 'usager'))];
		expect(seen.get(board)!.owners).toEqual([{ id: expect.any(String), name: 'Claire Martin', email: 'c.martin@ville.example.fr', organisation: 'DGS' }]);
		expect(seen.get(phone)!.owners).toEqual([{ id: expect.any(String), name: 'Claire Martin', organisation: 'DGS' }]);
		board.close();
		phone.close();
	});
});

function cookieOf(s: Socket): string {
	return (s.io.opts.extraHeaders as Record<string, string>).cookie;
}
