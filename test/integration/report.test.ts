import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { liveClient, connected, send } from '../helpers/clients.ts';
import { createWorkshop, joinAs, observerCookie, signUp } from '../helpers/http.ts';
import { createTestDatabaseUrl } from '../helpers/databases.ts';
import type { Phase } from '../../src/lib/domain/agenda/phase.ts';

/**
 * The report's URLs through the built server: every format for the workshop's facilitators,
 * with its file name; a clear 401 or 403 and nothing of the workshop for everyone else.
 */
let server: RunningServer;
let database: { url: string; drop(): Promise<void> } | null = null;
let workshop: { id: string; joinCode: string };
let socket: Socket;
const cookies: Record<'facilitator' | 'participant' | 'observer' | 'otherFacilitator' | 'anonymous', string> = {} as never;
const TITLE = 'Accueil « mairie » été';
const DECISION = 'Un guichet « tout-en-un » à 12 000 € pour l’été';
const PARTICIPANT = 'Zoé Invisible';
let ids = 0;
const cmd = () => `report-${Date.now()}-${ids++}`;

const agenda: Phase[] = [
	{ id: 'idees', type: 'ideation', title: 'Idées', minutes: 15, instructions: '', settings: {} },
	{ id: 'decisions', type: 'decisions', title: 'Décisions', minutes: 20, instructions: '', settings: {} }
];
const FILES = ['pdf', 'md', 'json', 'decisions.csv', 'votes.csv', 'notes.csv', 'tables.csv', 'pdf?view=roadmap', 'md?view=roadmap', 'json?view=roadmap', 'decisions.csv?view=roadmap'];
const URLS = () => [`/w/${workshop.id}/report`, `/w/${workshop.id}/report?view=roadmap`, ...FILES.map((f) => `/w/${workshop.id}/report/${f}`)];
const get = (path: string, cookie: string) => fetch(`${server.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });

beforeAll(async () => {
	if (process.env.DATABASE_URL) database = await createTestDatabaseUrl();
	server = await startServer({ databaseUrl: database?.url });
	cookies.facilitator = await signUp(server.url);
	cookies.otherFacilitator = await signUp(server.url);
	cookies.anonymous = '';
	workshop = await createWorkshop(server.url, cookies.facilitator, TITLE);
	cookies.participant = await joinAs(server.url, workshop.joinCode, PARTICIPANT, 'usager');
	cookies.observer = await observerCookie(server.url, workshop.id, cookies.facilitator);
	socket = liveClient(server.url, workshop.id, { cookie: cookies.facilitator });
	await connected(socket);
	expect(await send(socket, 'agenda.save', { commandId: cmd(), phases: agenda })).toMatchObject({ ok: true });
	await send(socket, 'phase.start', { commandId: cmd() });
	await send(socket, 'phase.skip', { commandId: cmd() });
	const decision = { title: DECISION, text: '', commits: ['agent'], responsible: 'Service état civil', dueDate: '2026-06-30', answerBy: '2026-03-15', status: 'confirmed', sourceId: null };
	expect(await send(socket, 'decision.save', { commandId: cmd(), decision })).toMatchObject({ ok: true });
});
afterAll(async () => {
	socket?.close();
	await server?.kill();
	if (server) removeDir(server.dataDir);
	await database?.drop();
});

describe('the report over HTTP', () => {
	test('the facilitator gets every format, named after the workshop and its day, without a participant’s name', async () => {
		for (const path of URLS()) {
			const res = await get(path, cookies.facilitator);
			expect(res.status, path).toBe(200);
			const body = path.includes('/pdf') ? '' : await res.text();
			expect(body, path).not.toContain(PARTICIPANT);
			if (path.includes('/report/')) expect(res.headers.get('content-disposition'), path).toMatch(/filename="accueil-mairie-ete-\d{4}-\d{2}-\d{2}[a-z.-]*"/);
		}
	});

	test('the PDF’s text has the decision with « » and €; the CSV and JSON parse as documented', async () => {
		const pdf = new Uint8Array(await (await get(`/w/${workshop.id}/report/pdf`, cookies.facilitator)).arrayBuffer());
		if (existsSync('/usr/bin/pdftotext')) {
			const file = join(mkdtempSync(join(tmpdir(), 'report-')), 'r.pdf');
			writeFileSync(file, pdf);
			const text = execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
			expect(text).toContain(DECISION);
			expect(text).not.toContain(PARTICIPANT);
		}
		const csv = await (await get(`/w/${workshop.id}/report/decisions.csv`, cookies.facilitator)).text();
		const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
		expect(rows).toEqual([expect.objectContaining({ position: '1', title: DECISION, commits: 'agent', responsible: 'Service état civil', due_date: '2026-06-30', status: 'confirmed' })]);
		const json = await (await get(`/w/${workshop.id}/report/json`, cookies.facilitator)).json();
		expect(json).toMatchObject({ schemaVersion: 2, workshop: { title: TITLE }, participation: { total: 1 }, decisions: [{ title: DECISION }] });
		const html = await (await get(`/w/${workshop.id}/report`, cookies.facilitator)).text();
		expect(html).toMatch(/<th scope="col"/);
		expect(html).toMatch(/<caption[^>]*>Décisions : qui s’engage/);
		expect(html).toContain(DECISION);
	});

	test('participants, observers, another workshop’s facilitator and nobody are refused every format, and see nothing of it', async () => {
		for (const who of ['participant', 'observer', 'otherFacilitator', 'anonymous'] as const) {
			for (const path of URLS()) {
				const res = await get(path, cookies[who]);
				expect(res.status, `${who} ${path}`).toBe(who === 'otherFacilitator' ? 403 : 401);
				const body = await res.text();
				expect(body, `${who} ${path}`).not.toContain(DECISION);
				expect(body, `${who} ${path}`).not.toContain('Service état civil');
			}
		}
	});

	test('an unknown workshop is 404, an unknown format 404, an unknown view 400', async () => {
		expect((await get('/w/aaaaaaaaaaaaaaaa/report/pdf', cookies.facilitator)).status).toBe(404);
		expect((await get('/w/aaaaaaaaaaaaaaaa/report', cookies.facilitator)).status).toBe(404);
		expect((await get(`/w/${workshop.id}/report/docx`, cookies.facilitator)).status).toBe(404);
		expect((await get(`/w/${workshop.id}/report/votes.csv?view=roadmap`, cookies.facilitator)).status).toBe(400);
		expect((await get(`/w/${workshop.id}/report?view=nope`, cookies.facilitator)).status).toBe(400);
	});
});

describe('the report’s context', () => {
	test('says where the workshop took place, as its facilitator wrote it at creation', async () => {
		const created = await fetch(`${server.url}/?/create`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.facilitator },
			body: new URLSearchParams({ title: 'Permanence à distance', place: 'À distance (visio)', template: '', ownerName: '', ownerEmail: '', ownerOrganisation: '' })
		});
		expect(created.status).toBe(303);
		const id = /\/w\/([a-z2-7]{16})$/.exec(created.headers.get('location') ?? '')![1];
		expect(await (await get(`/w/${id}/report/md`, cookies.facilitator)).text()).toContain('- Lieu\u00a0: À distance (visio)');
		expect(JSON.parse(await (await get(`/w/${id}/report/json`, cookies.facilitator)).text()).workshop.place).toBe('À distance (visio)');
	});
});

describe('the report brought back as an archive', () => {
	/** Posts a file to the archive import as a browser's form would. */
	const importFile = (body: string, cookie: string) => {
		const form = new FormData();
		form.set('file', new Blob([body], { type: 'application/json' }), 'compte-rendu.json');
		return fetch(`${server.url}/archives/import`, { method: 'POST', redirect: 'manual', headers: { origin: server.url, accept: 'text/html', cookie }, body: form });
	};

	test('its JSON re-imports into a read-only archive whose report is identical in every format', async () => {
		const exported = await (await get(`/w/${workshop.id}/report/json`, cookies.facilitator)).text();
		const res = await importFile(exported, cookies.otherFacilitator);
		expect(res.status).toBe(303);
		const archive = /^\/w\/([a-z2-7]{16})\/report$/.exec(res.headers.get('location') ?? '')![1];
		expect(archive).not.toBe(workshop.id);

		// The same document back, and every format rendered from it.
		const back = await (await get(`/w/${archive}/report/json`, cookies.otherFacilitator)).text();
		expect(JSON.parse(back)).toEqual(JSON.parse(exported));
		for (const format of ['md', 'decisions.csv', 'votes.csv', 'notes.csv', 'tables.csv']) {
			const original = await (await get(`/w/${workshop.id}/report/${format}`, cookies.facilitator)).text();
			expect(await (await get(`/w/${archive}/report/${format}`, cookies.otherFacilitator)).text(), format).toBe(original);
		}
		const html = await (await get(`/w/${archive}/report`, cookies.otherFacilitator)).text();
		expect(html).toContain(DECISION.replace('’', '’'));
		expect(html).toContain('Atelier archivé');

		// Read-only: no board, no live channel, no sync, nobody else reads it.
		expect((await get(`/w/${archive}`, cookies.otherFacilitator)).headers.get('location')).toBe(`/w/${archive}/report`);
		const live = liveClient(server.url, archive, { cookie: cookies.otherFacilitator });
		const refused = await new Promise<string>((resolve) => live.once('connect_error', (e: Error) => resolve(e.message)));
		live.close();
		expect(refused).toMatch(/forbidden|read-only/);
		const sync = await fetch(`${server.url}/sync/${archive}`, { headers: { cookie: cookies.otherFacilitator, connection: 'upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', origin: server.url } }).catch((e: Error) => e);
		expect(sync instanceof Error || sync.status === 403).toBe(true);
		expect((await get(`/w/${archive}/report/json`, cookies.facilitator)).status).toBe(403);
	});

	test('a file that is not a report is refused with what is wrong, and nothing is archived', async () => {
		const workshops = async () => [...(await (await get('/', cookies.otherFacilitator)).text()).matchAll(/href="\/w\/([a-z2-7]{16})"/g)].map((m) => m[1]).sort();
		const before = await workshops();
		expect(before.length).toBeGreaterThan(0); // the archive of the test above
		const exported = JSON.parse(await (await get(`/w/${workshop.id}/report/json`, cookies.facilitator)).text());
		for (const [body, expected] of [
			['pas du json', 'not JSON'],
			[JSON.stringify({ ...exported, schemaVersion: 99 }), 'schemaVersion'],
			[JSON.stringify({ ...exported, decisions: [{ ...exported.decisions[0], title: 'x'.repeat(201) }] }), 'decisions.0.title'],
			[JSON.stringify({ ...exported, script: '<script>alert(1)</script>' }), 'script']
		] as const) {
			const res = await importFile(body, cookies.otherFacilitator);
			expect(res.status, expected).toBe(400);
			expect(await res.text(), expected).toContain(expected);
		}
		expect(await workshops()).toEqual(before);
		// A participant (no facilitator session) is sent to sign in; nothing is made.
		const participant = await importFile(JSON.stringify(exported), cookies.participant);
		expect(participant.status).toBe(303);
		expect(participant.headers.get('location')).toMatch(/^\/signin/);
	});
});
