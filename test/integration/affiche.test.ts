import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { liveClient, connected, send, eventually } from '../helpers/clients.ts';
import { createWorkshop, joinAs, observerCookie, signUp } from '../helpers/http.ts';
import { createTestDatabaseUrl } from '../helpers/databases.ts';
import type { AfficheContent } from '../../src/lib/domain/affiche/affiche.ts';
import type { AfficheEvents, AfficheView } from '../../src/lib/protocol/affiche.ts';

/**
 * The affiche through the built server with real sockets: the facilitator writes and submits
 * it, the phones validate or propose a modification, forged answers are refused and change
 * nothing, the counts by collège are exact and kept by the publication; the PDF's text and
 * the PNG come out right. PostgreSQL when DATABASE_URL is set, PGlite otherwise.
 */
let server: RunningServer;
let database: { url: string; drop(): Promise<void> } | null = null;
let workshop: { id: string; joinCode: string };
let owner: string;
let strangerCookie: string;
const sockets: Socket[] = [];
const state = new Map<Socket, AfficheView | null>();
const mine = new Map<Socket, AfficheEvents['affiche.mine']>();
let facilitator: Socket, agent1: Socket, agent2: Socket, usager: Socket, observer: Socket, stranger: Socket;
let ids = 0;
const cmd = () => `affiche-${Date.now()}-${ids++}`;

const content: AfficheContent = {
	title: 'Accueil en mairie : « ensemble »',
	qualities: ['Écoute', 'Gratuité (0 €)'],
	commitments: {
		agents: ['Répondre sous 48 h'],
		usagers: ['Venir avec ses pièces'],
		both: ['Se parler avec respect, Nguyễn comme Łukasz']
	}
};

async function watch(workshopId: string, cookie: string): Promise<Socket> {
	const s = liveClient(server.url, workshopId, { cookie });
	s.on('affiche.state', (view: AfficheView | null) => state.set(s, view));
	s.on('affiche.mine', (m: AfficheEvents['affiche.mine']) => mine.set(s, m));
	sockets.push(s);
	await connected(s);
	await eventually(() => state.has(s), 'the affiche on connect');
	return s;
}
const validate = (s: Socket, input: Record<string, unknown>) => send<{ version: number }>(s, 'affiche.validate', { commandId: cmd(), ...input });
const control = async (name: string, input: Record<string, unknown> = {}) => {
	const res = await send<{ version: number }>(facilitator, name, { commandId: cmd(), ...input });
	if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
	return res.value.version;
};
const tallyOf = (s: Socket) => state.get(s)?.tally;

beforeAll(async () => {
	if (process.env.DATABASE_URL) database = await createTestDatabaseUrl();
	server = await startServer({ databaseUrl: database?.url });
	owner = await signUp(server.url);
	workshop = await createWorkshop(server.url, owner, 'Accueil en mairie');
	const other = await createWorkshop(server.url, owner, 'Un autre atelier');
	facilitator = await watch(workshop.id, owner);
	agent1 = await watch(workshop.id, await joinAs(server.url, workshop.joinCode, 'Awa', 'agent'));
	agent2 = await watch(workshop.id, await joinAs(server.url, workshop.joinCode, 'Bruno', 'agent'));
	usager = await watch(workshop.id, await joinAs(server.url, workshop.joinCode, 'Chloé', 'usager'));
	observer = await watch(workshop.id, await observerCookie(server.url, workshop.id, owner));
	// A participant of another workshop, on their own workshop's channel.
	strangerCookie = await joinAs(server.url, other.joinCode, 'Zoé', 'usager');
	stranger = await watch(other.id, strangerCookie);
});
afterAll(async () => {
	for (const s of sockets) s.close();
	await server?.kill();
	if (server) removeDir(server.dataDir);
	await database?.drop();
});

test('a draft stays with the facilitators; once submitted every phone sees it', async () => {
	expect(await control('affiche.save', { content })).toBe(1);
	await eventually(() => state.get(facilitator)?.affiche.status === 'draft', 'the draft on the facilitator’s screen');
	expect(state.get(agent1)).toBeNull();
	expect(await validate(agent1, { version: 1, choice: 'valide' })).toMatchObject({ ok: false, error: { code: 'phase_closed' } });
	expect(await control('affiche.submit')).toBe(1);
	for (const s of [agent1, agent2, usager, observer])
		await eventually(() => state.get(s)?.affiche.status === 'submitted', 'the submitted affiche on every screen');
	expect(state.get(agent1)?.affiche.content).toEqual(content);
	expect(state.get(agent1)?.proposals).toBeUndefined();
});

test('participants validate or propose a change; forged answers are refused and change nothing', async () => {
	expect(await validate(agent1, { version: 1, choice: 'valide' })).toEqual({ ok: true, value: { version: 1 } });
	// A second answer replaces the first: agent2 proposes, then validates.
	expect((await validate(agent2, { version: 1, choice: 'modification', comment: 'Plus court' })).ok).toBe(true);
	expect((await validate(agent2, { version: 1, choice: 'valide' })).ok).toBe(true);
	expect((await validate(usager, { version: 1, choice: 'modification', comment: 'Ajouter « sans rendez-vous »' })).ok).toBe(true);
	await eventually(() => mine.get(usager)?.choice === 'modification', 'the usager’s own answer');

	const refused = [
		[observer, { version: 1, choice: 'valide' }, 'forbidden'],
		[facilitator, { version: 1, choice: 'valide' }, 'forbidden'],
		[agent1, { version: 0, choice: 'valide' }, 'invalid_input'],
		[agent1, { version: 2, choice: 'valide' }, 'conflict'],
		[agent1, { version: 1, choice: 'modification', comment: 'x'.repeat(281) }, 'invalid_input'],
		[agent1, { version: 1, choice: 'modification', comment: '   ' }, 'invalid_input'],
		[agent1, { version: 1, choice: 'peut-être' }, 'invalid_input']
	] as const;
	for (const [s, input, code] of refused) expect(await validate(s, input), `${code} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code } });
	// The other workshop's participant cannot reach this workshop at all, and answering on their own channel finds no affiche.
	const intruder = liveClient(server.url, workshop.id, { cookie: strangerCookie });
	sockets.push(intruder);
	await expect(connected(intruder)).rejects.toThrow();
	expect(await validate(stranger, { version: 1, choice: 'valide' })).toMatchObject({ ok: false, error: { code: 'phase_closed' } });

	await eventually(() => tallyOf(facilitator)?.usager.modification === 1 && tallyOf(facilitator)?.agent.valide === 2, 'the counts live');
	expect(tallyOf(facilitator)).toMatchObject({ agent: { valide: 2, modification: 0 }, usager: { valide: 0, modification: 1 }, elu: { valide: 0, modification: 0 } });
	expect(state.get(facilitator)?.proposals).toEqual([{ displayName: 'Chloé', category: 'usager', comment: 'Ajouter « sans rendez-vous »' }]);
});

test('an edit is a new version: earlier answers no longer count, an answer to the old one is refused', async () => {
	const edited = { ...content, commitments: { ...content.commitments, agents: [...content.commitments.agents, 'Recevoir sans rendez-vous'] } };
	expect(await control('affiche.save', { content: edited })).toBe(2);
	await eventually(() => state.get(usager)?.affiche.version === 2, 'the new version on the phones');
	expect(state.get(facilitator)?.tally.agent).toEqual({ valide: 0, modification: 0 });
	expect(await validate(agent1, { version: 1, choice: 'valide' })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('out of date') } });
	for (const s of [agent1, agent2, usager]) expect((await validate(s, { version: 2, choice: 'valide' })).ok).toBe(true);
	await eventually(() => tallyOf(facilitator)?.agent.valide === 2 && tallyOf(facilitator)?.usager.valide === 1, 'the new counts');
});

test('a draft’s files are the facilitators’ only; the PDF’s text and the PNG come out right', async () => {
	expect((await fetch(`${server.url}/w/${workshop.id}/affiche/affiche.pdf`)).status).toBe(404);
	const res = await fetch(`${server.url}/w/${workshop.id}/affiche/affiche.pdf`, { headers: { cookie: owner } });
	expect(res.status).toBe(200);
	expect(res.headers.get('content-type')).toBe('application/pdf');
	const dir = mkdtempSync(join(tmpdir(), 'affiche-'));
	try {
		const file = join(dir, 'affiche.pdf');
		writeFileSync(file, Buffer.from(await res.arrayBuffer()));
		const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
		for (const s of ['« ensemble »', 'Écoute', 'Gratuité (0 €)', 'Répondre sous 48 h', 'Nguyễn comme Łukasz', 'Les usagers s’engagent à'])
			expect(text.replace(/\s+/g, ' '), s).toContain(s);
		expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	const png = await fetch(`${server.url}/w/${workshop.id}/affiche/affiche.png`, { headers: { cookie: owner } });
	expect(png.headers.get('content-type')).toBe('image/png');
	const bytes = Buffer.from(await png.arrayBuffer());
	expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
	expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1240, 1754]);
	expect(bytes.length).toBeGreaterThan(20_000);
	expect(bytes.length).toBeLessThan(3_000_000);
});

test('publishing keeps the counts; afterwards answers and edits are refused and the poster is public', async () => {
	expect(await control('affiche.publish')).toBe(2);
	await eventually(() => state.get(usager)?.affiche.status === 'published', 'the publication on the phones');
	const published = state.get(usager)!.affiche;
	expect(published.publishedTally).toMatchObject({ agent: { valide: 2, modification: 0 }, usager: { valide: 1, modification: 0 } });
	expect(await validate(usager, { version: 2, choice: 'modification', comment: 'Trop tard ?' })).toMatchObject({ ok: false, error: { code: 'phase_closed' } });
	expect(await send(facilitator, 'affiche.save', { commandId: cmd(), content })).toMatchObject({ ok: false, error: { code: 'phase_closed' } });
	expect(state.get(facilitator)?.tally).toEqual(published.publishedTally);
	const page = await fetch(`${server.url}/w/${workshop.id}/affiche/poster`);
	expect(page.status).toBe(200);
	const html = await page.text();
	expect(html).toContain('Recevoir sans rendez-vous');
	expect(html).not.toContain('Chloé');
	expect((await fetch(`${server.url}/w/${workshop.id}/affiche/affiche.pdf`)).status).toBe(200);
});
