import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { createWorkshop, joinAs, post, signUp } from '../helpers/http.ts';
import { connected, eventually, liveClient, send, syncClient } from '../helpers/clients.ts';
import { createTestDatabaseUrl } from '../helpers/databases.ts';
import { readNotes, removeNote } from '../../src/lib/domain/board/notes.ts';
import { builtinTemplate } from '../../src/lib/domain/templates/builtins.ts';

/**
 * Series carry-over through the built server: a later session imports the earlier sessions'
 * notes when it is created, again when its agenda first starts (notes written meanwhile come),
 * and when a facilitator re-imports — each note once, a deleted import staying deleted, every
 * imported note carrying its origin (session, collège) in the document every screen reads.
 * PostgreSQL when DATABASE_URL is set, PGlite otherwise.
 */
let server: RunningServer;
let database: { url: string; drop(): Promise<void> } | null = null;
const sockets: Socket[] = [];
let ids = 0;
const cmd = () => `carry-${Date.now()}-${ids++}`;
const ID = '([a-z2-7]{16})';

beforeAll(async () => {
	if (process.env.DATABASE_URL) database = await createTestDatabaseUrl();
	server = await startServer({ databaseUrl: database?.url });
});
afterAll(async () => {
	for (const s of sockets) s.close();
	await server?.kill();
	if (server) removeDir(server.dataDir);
	await database?.drop();
});

const get = (path: string, cookie: string) => fetch(`${server.url}${path}`, { redirect: 'manual', headers: { cookie } });
function redirectedTo(res: Response, pattern: RegExp): string {
	const id = pattern.exec(res.headers.get('location') ?? '')?.[1];
	if (res.status !== 303 || !id) throw new Error(`expected a redirect matching ${pattern}, got ${res.status} ${res.headers.get('location')}`);
	return id;
}
async function live(cookie: string, workshopId: string): Promise<Socket> {
	const s = liveClient(server.url, workshopId, { cookie });
	sockets.push(s);
	await connected(s);
	return s;
}
async function addNote(cookie: string, workshopId: string, text: string): Promise<void> {
	expect(await send(await live(cookie, workshopId), 'note.add', { commandId: cmd(), text })).toMatchObject({ ok: true });
}

describe('a later session of a series carries the earlier notes over, and stays true', () => {
	test('imported at creation and at the first start, re-imported on demand once each; origins on every note; only facilitators re-import', async () => {
		const f = await signUp(server.url);
		const seriesId = redirectedTo(await post(`${server.url}/?/create`, { title: 'Maison de Hautepierre', template: 'vivre-ensemble' }, f), new RegExp(`^/series/${ID}$`));
		const agents = new RegExp(`/w/${ID}`).exec(await (await get(`/series/${seriesId}`, f)).text())![1];
		await addNote(f, agents, 'Prendre le temps d’expliquer');
		const usagers = redirectedTo(await post(`${server.url}/series/${seriesId}?/create`, { session: 'usagers' }, f), new RegExp(`^/w/${ID}$`));
		await addNote(f, usagers, 'Venir sans rendez-vous');
		await addNote(f, usagers, 'Un seul guichet');
		const mixte = redirectedTo(await post(`${server.url}/series/${seriesId}?/create`, { session: 'mixte' }, f), new RegExp(`^/w/${ID}$`));

		// A phone in the mixed session reads the same document as the board and the projector.
		const mixteCode = /\/j\/([A-Z0-9]{6})/.exec(await (await get(`/w/${mixte}`, f)).text())![1];
		const phoneCookie = await joinAs(server.url, mixteCode, 'Fatou', 'usager');
		const phone = syncClient(server.url, mixte, { cookie: phoneCookie });
		const board = syncClient(server.url, mixte, { cookie: f });
		await Promise.all([phone.synced, board.synced]);
		const texts = () => readNotes(phone.doc).map((n) => n.text).sort();
		await eventually(() => texts().length === 3, 'three notes carried over at creation');

		// The facilitator deletes one import; a note is written in the agents' session meanwhile.
		const dropped = readNotes(board.doc).find((n) => n.text === 'Un seul guichet')!;
		removeNote(board.doc, dropped.id);
		await eventually(() => texts().length === 2, 'the deleted import gone from the phone');
		await addNote(f, agents, 'Écrite après la création');

		// The first start of the agenda brings it.
		const owner = await live(f, mixte);
		expect(await send(owner, 'phase.start', { commandId: cmd() })).toMatchObject({ ok: true });
		await eventually(() => texts().includes('Écrite après la création'), 'the later note imported at the start');
		expect(texts()).toEqual(['Prendre le temps d’expliquer', 'Venir sans rendez-vous', 'Écrite après la création'].sort());

		// Every imported note says where it came from: session (title) and collège.
		const agentsSession = builtinTemplate('vivre-ensemble').sessions.find((x) => x.key === 'agents')!;
		const later = readNotes(phone.doc).find((n) => n.text === 'Écrite après la création')!;
		expect(later.origin).toMatchObject({ workshopId: agents, sessionKey: 'agents' });
		expect(later.authorCategory).toBe('facilitator');
		expect(later.authorId).toBe('');
		expect(later.origin?.workshopTitle).toBe(`Maison de Hautepierre – ${agentsSession.title.fr}`);
		expect(readNotes(phone.doc).every((n) => n.origin?.sessionKey === 'agents' || n.origin?.sessionKey === 'usagers')).toBe(true);

		// Only facilitators re-import; the phone is refused and nothing changes.
		await addNote(f, usagers, 'Des horaires le samedi');
		const phoneLive = await live(phoneCookie, mixte);
		expect(await send(phoneLive, 'series.import', { commandId: cmd() })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(texts()).not.toContain('Des horaires le samedi');

		// A re-import brings only what is new, once; the deleted import stays deleted.
		expect(await send(owner, 'series.import', { commandId: cmd() })).toEqual({ ok: true, value: { imported: 1 } });
		await eventually(() => texts().includes('Des horaires le samedi'), 'the new note re-imported');
		expect(await send(owner, 'series.import', { commandId: cmd() })).toEqual({ ok: true, value: { imported: 0 } });
		expect(texts()).toEqual(['Prendre le temps d’expliquer', 'Venir sans rendez-vous', 'Écrite après la création', 'Des horaires le samedi'].sort());
		expect(readNotes(board.doc).map((n) => n.text).sort()).toEqual(texts());
		phone.destroy();
		board.destroy();
	});

	test('the mixed session’s report gathers the earlier sessions: date, counts by collège, decisions, in every format', async () => {
		const f = await signUp(server.url);
		const seriesId = redirectedTo(await post(`${server.url}/?/create`, { title: 'Quartier Gare', template: 'vivre-ensemble' }, f), new RegExp(`^/series/${ID}$`));
		const agents = new RegExp(`/w/${ID}`).exec(await (await get(`/series/${seriesId}`, f)).text())![1];
		const usagers = redirectedTo(await post(`${server.url}/series/${seriesId}?/create`, { session: 'usagers' }, f), new RegExp(`^/w/${ID}$`));
		const decide = async (workshopId: string, title: string) =>
			expect(
				await send(await live(f, workshopId), 'decision.save', {
					commandId: cmd(),
					decision: { title, text: '', commits: ['agent'], responsible: 'Service accueil', dueDate: '2027-01-31', answerBy: '2026-12-15', status: 'confirmed', sourceId: null }
				})
			).toMatchObject({ ok: true });
		const joinCode = async (workshopId: string) => /\/j\/([A-Z0-9]{6})/.exec(await (await get(`/w/${workshopId}`, f)).text())![1];
		for (const [name, w] of [['Agent 1', agents], ['Agent 2', agents], ['Usagère', usagers]] as const)
			await joinAs(server.url, await joinCode(w), name, w === agents ? 'agent' : 'usager');
		await decide(agents, 'Former l’accueil « sans jargon »');
		await decide(usagers, 'Un créneau sans rendez-vous');
		const mixte = redirectedTo(await post(`${server.url}/series/${seriesId}?/create`, { session: 'mixte' }, f), new RegExp(`^/w/${ID}$`));
		await decide(mixte, 'Une affiche commune');

		const json = (await (await get(`/w/${mixte}/report/json`, f)).json()) as {
			schemaVersion: number;
			decisions: { title: string }[];
			earlierSessions: { workshopId: string; sessionKey: string; date: string; total: number; byCategory: { group: string; count: number }[]; decisions: { title: string }[] }[];
		};
		expect(json.schemaVersion).toBe(2);
		expect(json.decisions.map((d) => d.title)).toEqual(['Une affiche commune']);
		expect(json.earlierSessions.map((s) => [s.workshopId, s.sessionKey, s.total, s.byCategory, s.decisions.map((d) => d.title)])).toEqual([
			[agents, 'agents', 2, [{ group: 'agent', count: 2 }], ['Former l’accueil « sans jargon »']],
			[usagers, 'usagers', 1, [{ group: 'usager', count: 1 }], ['Un créneau sans rendez-vous']]
		]);
		expect(json.earlierSessions.every((s) => /^\d{4}-\d{2}-\d{2}$/.test(s.date))).toBe(true);
		// The same in the HTML page and the Markdown; an earlier session's own report does not list later ones.
		for (const format of ['', '/md']) {
			const text = await (await get(`/w/${mixte}/report${format}`, f)).text();
			expect(text).toContain('Les séances précédentes de la série');
			expect(text).toContain('Former l’accueil « sans jargon »');
			expect(text).toContain('Un créneau sans rendez-vous');
		}
		const pdf = join(mkdtempSync(join(tmpdir(), 'carry-')), 'mixte.pdf');
		writeFileSync(pdf, new Uint8Array(await (await get(`/w/${mixte}/report/pdf`, f)).arrayBuffer()));
		const pdfText = execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
		for (const words of ['Les séances précédentes de la série', 'Former l’accueil « sans jargon »', 'Un créneau sans rendez-vous']) expect(pdfText).toContain(words);
		const usagersReport = (await (await get(`/w/${usagers}/report/json`, f)).json()) as { earlierSessions: { sessionKey: string }[] };
		expect(usagersReport.earlierSessions.map((s) => s.sessionKey)).toEqual(['agents']);
		const agentsReport = (await (await get(`/w/${agents}/report/json`, f)).json()) as { earlierSessions: unknown[] };
		expect(agentsReport.earlierSessions).toEqual([]);
	});

	test('re-importing in a workshop outside a series changes nothing', async () => {
		const f = await signUp(server.url);
		const w = await createWorkshop(server.url, f, 'Atelier seul');
		expect(await send(await live(f, w.id), 'series.import', { commandId: cmd() })).toEqual({ ok: true, value: { imported: 0 } });
	});
});
