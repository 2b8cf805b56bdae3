import postgres from 'postgres';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { liveClient, connected, send, eventually } from '../helpers/clients.ts';
import { cookieFrom, createWorkshop, joinAs, joinWith, observerCookie, participantId, peopleAction, post, signUp } from '../helpers/http.ts';
import { createTestDatabaseUrl } from '../helpers/databases.ts';
import type { Phase } from '../../src/lib/domain/agenda/phase.ts';
import type { PersonalDataExport } from '../../src/lib/domain/rights/personal-data.ts';
import { readAnswerSubscribers } from '../../server/db/repositories/participants.ts';

/**
 * Data rights through the built server: a participant sees and erases their own data from
 * their phone, a facilitator erases one participant or downloads the workshop's personal data
 * (nobody else can), and at the end a participant may leave an e-mail for the owners' answers.
 * PostgreSQL when DATABASE_URL is set (then the subscribers are read from the database), PGlite otherwise.
 */
let server: RunningServer;
let database: { url: string; drop(): Promise<void> } | null = null;
let sql: postgres.Sql | null = null;
let owner: string;
let workshop: { id: string; joinCode: string };
let ownerLive: Socket;
const open: Socket[] = [];
let ids = 0;
const cmd = () => `rights-${Date.now()}-${ids++}`;

const agenda: Phase[] = [
	{ id: 'idees', type: 'ideation', title: 'Idées', minutes: 15, instructions: '', settings: {} },
	{ id: 'fin', type: 'ideation', title: 'Conclusion', minutes: 5, instructions: '', settings: {} }
];

const page = (path: string, cookie = '') => fetch(`${server.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
const myData = (cookie: string) => page(`/p/${workshop.id}/my-data`, cookie);
const exportAs = (cookie: string) => page(`/w/${workshop.id}/personal-data`, cookie);
async function exported(): Promise<PersonalDataExport> {
	const res = await exportAs(owner);
	expect(res.status).toBe(200);
	return (await res.json()) as PersonalDataExport;
}
async function live(cookie: string): Promise<Socket> {
	const s = liveClient(server.url, workshop.id, { cookie });
	open.push(s);
	await connected(s);
	return s;
}

/**
 * Where a string still is in the server's PostgreSQL database: "table.column" of every text,
 * JSON, array or bytes column holding it (the Yjs board, its versions and the command log included).
 */
async function whereIs(needle: string): Promise<string[]> {
	const columns = await sql!<{ table_name: string; column_name: string; data_type: string }[]>`
		SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
		JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
		WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
		  AND c.data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY', 'bytea')`;
	const found: string[] = [];
	for (const c of columns) {
		const test = c.data_type === 'bytea' ? `position(convert_to($1, 'UTF8') in "${c.column_name}") > 0` : `strpos("${c.column_name}"::text, $1) > 0`;
		if ((await sql!.unsafe(`SELECT 1 FROM "${c.table_name}" WHERE ${test} LIMIT 1`, [needle])).length > 0) found.push(`${c.table_name}.${c.column_name}`);
	}
	return found;
}

beforeAll(async () => {
	if (process.env.DATABASE_URL) {
		database = await createTestDatabaseUrl();
		sql = postgres(database.url, { max: 1, onnotice: () => {} });
	}
	server = await startServer({ databaseUrl: database?.url });
	owner = await signUp(server.url);
	workshop = await createWorkshop(server.url, owner, 'Accueil en mairie');
	await peopleAction(server.url, workshop.id, 'questions', { askAgeBand: 'on', askGender: 'on' }, owner);
	ownerLive = await live(owner);
	expect(await send(ownerLive, 'agenda.save', { commandId: cmd(), phases: agenda })).toMatchObject({ ok: true });
	expect(await send(ownerLive, 'phase.start', { commandId: cmd() })).toMatchObject({ ok: true });
});
afterAll(async () => {
	for (const s of open) s.close();
	await server?.kill();
	if (server) removeDir(server.dataDir);
	await sql?.end();
	await database?.drop();
});

describe('a participant sees and erases their own data', () => {
	test('"Mes données" shows what is stored about them and nobody else; without their session it is refused', async () => {
		const joined = await joinWith(server.url, workshop.joinCode, { displayName: 'Zoé Ürgüplü', category: 'usager', ageBand: '25-39', gender: 'woman' });
		const zoe = joined.headers.getSetCookie()[0].split(';')[0];
		const other = await joinAs(server.url, workshop.joinCode, 'Karim', 'agent');
		const zoeLive = await live(zoe);
		for (const text of ['Des horaires le samedi', 'Un formulaire unique'])
			expect(await send(zoeLive, 'note.add', { commandId: cmd(), text })).toMatchObject({ ok: true });

		const html = await (await myData(zoe)).text();
		for (const shown of ['Zoé Ürgüplü', 'Usager', 'De 25 à 39 ans', 'Femme', '2 idée(s) liée(s) à vous', 'Effacer mes données']) expect(html).toContain(shown);
		expect(html).not.toContain('Karim');
		expect(await (await myData(other)).text()).not.toContain('Zoé');
		expect((await myData('')).status).toBe(401);
		expect((await myData(await observerCookie(server.url, workshop.id, owner))).status).toBe(401);
		// The phone page links to it.
		expect(await (await page(`/p/${workshop.id}`, zoe)).text()).toContain(`/p/${workshop.id}/my-data`);
	});

	test('erasing needs the confirmation box; then their data is blank, their session and open sockets end, their notes and collège stay', async () => {
		const cookie = await joinAs(server.url, workshop.joinCode, 'Nadia Benali', 'elu');
		const id = await participantId(server.url, workshop.id, cookie);
		const socket = await live(cookie);
		expect(await send(socket, 'note.add', { commandId: cmd(), text: 'Une permanence au marché' })).toMatchObject({ ok: true });
		let disconnected = false;
		socket.on('disconnect', () => (disconnected = true));

		const refused = await post(`${server.url}/p/${workshop.id}/my-data?/erase`, {}, cookie);
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain('Cochez la case de confirmation');
		expect((await exported()).participants.find((p) => p.id === id)).toMatchObject({ displayName: 'Nadia Benali', erasedAt: null });

		const erased = await post(`${server.url}/p/${workshop.id}/my-data?/erase`, { confirm: 'on' }, cookie);
		expect(erased.status).toBe(303);
		expect(erased.headers.get('location')).toBe(`/p/${workshop.id}/my-data/erased`);
		expect((await page(`/p/${workshop.id}/my-data/erased`)).status).toBe(200);
		await eventually(() => disconnected, 'their live socket closed');
		expect((await myData(cookie)).status).toBe(401);
		expect((await page(`/p/${workshop.id}`, cookie)).status).toBe(401);
		const row = (await exported()).participants.find((p) => p.id === id)!;
		expect(row).toMatchObject({ displayName: '', ageBand: null, gender: null, answerEmail: null, category: 'elu' });
		expect(row.erasedAt).not.toBeNull();
		// Their note stays, linked to an id that no longer names anybody.
		expect(row.notes.map((n) => n.text)).toEqual(['Une permanence au marché']);
		// Their name is nowhere in the database any more: not in the board, its log, its versions or the commands' log.
		if (sql) expect(await whereIs('Nadia Benali')).toEqual([]);
		if (sql) expect(await whereIs('Zoé Ürgüplü')).toEqual(['participant.display_name']);
	});
});

describe("a facilitator erases one participant and exports the workshop's personal data", () => {
	test('the export is a JSON download for the workshop’s facilitators only: participants, observers, other facilitators and strangers are refused', async () => {
		const res = await exportAs(owner);
		expect(res.headers.get('content-type')).toMatch(/^application\/json/);
		expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="concerto-personal-data-/);
		const data = (await res.json()) as PersonalDataExport;
		expect(data.version).toBe(1);
		expect(data.participants.find((p) => p.displayName === 'Zoé Ürgüplü')).toMatchObject({ category: 'usager', ageBand: '25-39', gender: 'woman' });

		const participant = await joinAs(server.url, workshop.joinCode, 'Curieux', 'usager');
		const observer = await observerCookie(server.url, workshop.id, owner);
		const stranger = await signUp(server.url);
		for (const [who, cookie, status] of [
			['participant', participant, 403],
			['observer', observer, 403],
			['another facilitator', stranger, 403],
			['nobody', '', 401]
		] as const) {
			const refused = await exportAs(cookie);
			expect(refused.status, who).toBe(status);
			expect(await refused.text(), who).not.toContain('Zoé');
		}
	});

	test('the facilitator erases one participant at once (their sessions end); nobody else can', async () => {
		const cookie = await joinAs(server.url, workshop.joinCode, 'Lou Martin', 'agent');
		const id = await participantId(server.url, workshop.id, cookie);
		const participant = await joinAs(server.url, workshop.joinCode, 'Malin', 'usager');
		const stranger = await signUp(server.url);
		for (const [who, c] of [
			['participant', participant],
			['another facilitator', stranger]
		] as const)
			expect((await peopleAction(server.url, workshop.id, 'erase', { participantId: id }, c)).status, who).toBe(403);
		expect((await myData(cookie)).status).toBe(200);

		const done = await peopleAction(server.url, workshop.id, 'erase', { participantId: id }, owner);
		expect(done.status).toBe(200);
		expect(await done.text()).toContain('Les données de Lou Martin sont effacées.');
		expect((await myData(cookie)).status).toBe(401);
		expect((await exported()).participants.find((p) => p.id === id)).toMatchObject({ displayName: '', category: 'agent' });
		expect(await (await page(`/w/${workshop.id}/participants`, owner)).text()).not.toContain('Lou Martin');
		// Twice, or an unknown id: a clear "not found" and nothing changes.
		expect((await peopleAction(server.url, workshop.id, 'erase', { participantId: id }, owner)).status).toBe(404);
		expect((await peopleAction(server.url, workshop.id, 'erase', { participantId: 'nope' }, owner)).status).toBe(404);
	});
});

describe("a participant's e-mail for the owners' answers", () => {
	test('only once the workshop has ended, only with consent; shown on their data page, exported, listed as a subscriber, erased with them', async () => {
		const cookie = await joinAs(server.url, workshop.joinCode, 'Léa', 'usager');
		const id = await participantId(server.url, workshop.id, cookie);
		const leave = (fields: Record<string, string>) => post(`${server.url}/p/${workshop.id}?/answerEmail`, fields, cookie);
		expect((await leave({ email: 'lea@exemple.fr', consent: 'on' })).status).toBe(409);

		expect(await send(ownerLive, 'phase.skip', { commandId: cmd() })).toMatchObject({ ok: true });
		expect(await send(ownerLive, 'phase.skip', { commandId: cmd() })).toMatchObject({ ok: true });
		expect(await (await page(`/p/${workshop.id}`, cookie)).text()).toContain('Être prévenu·e des réponses');

		const noConsent = await leave({ email: 'lea@exemple.fr' });
		expect(noConsent.status).toBe(400);
		expect(await noConsent.text()).toContain('Cochez la case pour accepter');
		expect((await leave({ email: 'pas une adresse', consent: 'on' })).status).toBe(400);
		expect((await exported()).participants.find((p) => p.id === id)!.answerEmail).toBeNull();

		expect((await leave({ email: ' lea@exemple.fr ', consent: 'on' })).status).toBe(200);
		expect(await (await myData(cookie)).text()).toContain('lea@exemple.fr');
		expect((await exported()).participants.find((p) => p.id === id)!.answerEmail).toBe('lea@exemple.fr');
		if (sql) expect(await readAnswerSubscribers({ query: (q, p) => sql!.unsafe(q, p as never[]) as never }, workshop.id)).toEqual(['lea@exemple.fr']);

		await post(`${server.url}/p/${workshop.id}/my-data?/erase`, { confirm: 'on' }, cookie);
		expect((await exported()).participants.find((p) => p.id === id)!.answerEmail).toBeNull();
		if (sql) expect(await readAnswerSubscribers({ query: (q, p) => sql!.unsafe(q, p as never[]) as never }, workshop.id)).toEqual([]);
	});
});

describe("an organisation's retention period", () => {
	test("its creator sets it, members cannot, bad input changes nothing, and its workshops' join notice promises it", async () => {
		const admin = await signUp(server.url);
		const email = `membre-${Date.now()}@exemple.fr`;
		const member = cookieFrom(
			await post(`${server.url}/signup`, { email, displayName: 'Sacha Membre', password: 'un mot de passe solide' }),
			'concerto_session'
		);
		const created = await post(`${server.url}/organisations?/create`, { name: 'Ville de Strasbourg' }, admin);
		const org = /^\/organisations\/([a-z2-7]{16})$/.exec(created.headers.get('location') ?? '')![1];
		await post(`${server.url}/organisations/${org}?/add`, { email }, admin);
		const setAs = (cookie: string, months: string) => post(`${server.url}/organisations/${org}?/retention`, { months }, cookie);
		const w = await createWorkshop(server.url, admin, 'Atelier de la ville');
		const notice = async () => (await (await page(`/j/${w.joinCode}`)).text()).match(/effacés (\d+) mois/)?.[1];
		expect(await notice()).toBe('6');

		expect((await setAs(admin, '3')).status).toBe(200);
		expect(await (await page(`/organisations/${org}`, member)).text()).toContain('3 mois après leur arrivée');
		expect(await notice()).toBe('3');
		for (const bad of ['0', '121', 'trois', '2.5'])
			expect((await setAs(admin, bad)).status, bad).toBe(400);
		const refused = await setAs(member, '24');
		expect(refused.status).toBe(403);
		expect(await refused.text()).toContain('Seule la personne qui a créé l’organisation');
		expect(await notice()).toBe('3');
		// Empty is back to the instance's default.
		expect((await setAs(admin, '')).status).toBe(200);
		expect(await notice()).toBe('6');
	});
});
