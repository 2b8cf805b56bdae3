import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { createWorkshop, joinAs, peopleAction, signUp } from '../helpers/http.ts';
import { connected, eventually, liveClient, send, syncClient } from '../helpers/clients.ts';
import { readNotes } from '../../src/lib/domain/board/notes.ts';
import { builtinTemplate } from '../../src/lib/domain/templates/builtins.ts';
import { agendaOf } from '../../src/lib/domain/templates/instantiate.ts';
import type { Template } from '../../src/lib/domain/templates/schema.ts';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(async () => {
	await server?.kill();
	if (server) removeDir(server.dataDir);
});

/** Posts a form as a browser does (urlencoded, or multipart when a file is attached). */
async function post(path: string, cookie: string, fields: Record<string, string>, file?: { name: string; text: string }): Promise<Response> {
	let body: URLSearchParams | FormData = new URLSearchParams(fields);
	if (file) {
		const form = new FormData();
		for (const [k, v] of Object.entries(fields)) form.set(k, v);
		form.set('file', new Blob([file.text], { type: 'application/json' }), file.name);
		body = form;
	}
	return fetch(`${server.url}${path}`, { method: 'POST', redirect: 'manual', headers: { origin: server.url, accept: 'text/html', cookie }, body });
}
const get = (path: string, cookie: string) => fetch(`${server.url}${path}`, { redirect: 'manual', headers: { cookie } });

/** The id at the end of the redirect a successful form post answers with. */
function redirectedTo(res: Response, pattern: RegExp): string {
	const id = pattern.exec(res.headers.get('location') ?? '')?.[1];
	if (res.status !== 303 || !id) throw new Error(`expected a redirect matching ${pattern}, got ${res.status} ${res.headers.get('location')}`);
	return id;
}
const ID = '([a-z2-7]{16})';

async function organisation(cookie: string, name: string): Promise<string> {
	return redirectedTo(await post('/organisations?/create', cookie, { name }), new RegExp(`^/organisations/${ID}$`));
}
async function saveAsTemplate(cookie: string, workshopId: string, name: string, sharing: string): Promise<string> {
	return redirectedTo(await post(`/w/${workshopId}/save-as-template`, cookie, { name, description: '', sharing }), new RegExp(`^/templates/${ID}$`));
}
async function exported(cookie: string, templateId: string): Promise<{ text: string; template: Template }> {
	const res = await get(`/templates/${templateId}/export`, cookie);
	expect(res.status).toBe(200);
	expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.concerto\.json"$/);
	const text = await res.text();
	return { text, template: JSON.parse(text) as Template };
}

describe('templates travel between organisations as files', () => {
	test('save a workshop as a template, export it, import it into another organisation, create a workshop: same agenda', async () => {
		const alice = await signUp(server.url);
		const bruno = await signUp(server.url);
		const labA = await organisation(alice, 'Laboratoire de la ville');
		const labB = await organisation(bruno, 'Département, mission innovation');

		// Alice runs a Flash 360 and saves it as her lab's template.
		const w1 = redirectedTo(await post('/?/create', alice, { title: 'Crash-test du guichet unique', template: 'flash-360' }), new RegExp(`^/w/${ID}$`));
		const t1 = await saveAsTemplate(alice, w1, 'Notre Flash 360', `organisation:${labA}`);
		const file = await exported(alice, t1);

		// Bruno is not in Alice's lab: her template does not exist for him.
		expect((await get(`/templates/${t1}`, bruno)).status).toBe(404);
		expect((await get(`/templates/${t1}/export`, bruno)).status).toBe(404);

		// He imports the file into his own organisation and creates a workshop from it.
		const t2 = redirectedTo(await post('/templates/import', bruno, { sharing: `organisation:${labB}` }, { name: 'flash.json', text: file.text }), new RegExp(`^/templates/${ID}$`));
		const w2 = redirectedTo(await post(`/templates/${t2}?/create`, bruno, { title: 'Maison France Services' }), new RegExp(`^/w/${ID}$`));

		// His workshop's agenda, saved and exported in turn, is Alice's: same phases, texts, minutes, settings.
		const t3 = await saveAsTemplate(bruno, w2, 'Copie de contrôle', 'private');
		const again = await exported(bruno, t3);
		expect(again.template.sessions[0].phases).toEqual(file.template.sessions[0].phases);
		// …which is the French Flash 360 itself, settings included (silent ideation, crash-test prompts, dots).
		expect(agendaOf(again.template.sessions[0], 'fr')).toEqual(agendaOf(builtinTemplate('flash-360').sessions[0], 'fr'));

		// And the page that saves it shows the 180 minutes.
		expect(await (await get(`/w/${w2}/save-as-template`, bruno)).text()).toContain('Durée totale : 180 min');
	});

	test('a broken file is refused with the field and the problem, and nothing is saved', async () => {
		const camille = await signUp(server.url);
		const broken = JSON.parse(JSON.stringify(builtinTemplate('consultation-express')));
		broken.sessions[0].phases[1].minutes = 600;
		const res = await post('/templates/import', camille, { sharing: 'private' }, { name: 'broken.json', text: JSON.stringify(broken) });
		expect(res.status).toBe(400);
		const page = await res.text();
		expect(page).toContain('sessions[0].phases[1].minutes');
		expect(page).toContain('doit valoir au plus 480');
		expect(await (await get('/templates', camille)).text()).toContain('Aucun modèle enregistré');
	});

	test('a facilitator cannot save someone else’s workshop, nor share into an organisation they are not in', async () => {
		const owner = await signUp(server.url);
		const other = await signUp(server.url);
		const otherLab = await organisation(other, 'Autre labo');
		const w = redirectedTo(await post('/?/create', owner, { title: 'Consultation', template: 'consultation-express' }), new RegExp(`^/w/${ID}$`));
		expect((await get(`/w/${w}/save-as-template`, other)).status).toBe(403);
		expect((await post(`/w/${w}/save-as-template`, other, { name: 'x', sharing: 'private' })).status).toBe(403);
		expect((await post(`/w/${w}/save-as-template`, owner, { name: 'x', sharing: `organisation:${otherLab}` })).status).toBe(400);
	});

	test('the phase-by-phase form posts to the edit action: a participant or another facilitator changes nothing, the author does', async () => {
		const owner = await signUp(server.url);
		const other = await signUp(server.url);
		const t1 = redirectedTo(await post('/templates/consultation-express?/duplicate', owner, {}), new RegExp(`^/templates/${ID}$`));
		const { joinCode } = await createWorkshop(server.url, owner, 'Accueil en mairie');
		const participant = await joinAs(server.url, joinCode, 'Fatima', 'usager');
		const before = (await exported(owner, t1)).template;
		const sessions = structuredClone(before.sessions);
		sessions[0].phases[0].facilitatorNote = { fr: 'Accueillir avec un café', en: 'Welcome with a coffee' };
		const form = { nameFr: before.name.fr, nameEn: before.name.en, descriptionFr: before.description.fr, descriptionEn: before.description.en, sessions: JSON.stringify(sessions) };
		expect((await post(`/templates/${t1}/edit`, participant, form)).headers.get('location')).toMatch(/^\/signin/);
		expect((await post(`/templates/${t1}/edit`, other, form)).status).toBe(404);
		expect((await exported(owner, t1)).template).toEqual(before);
		redirectedTo(await post(`/templates/${t1}/edit`, owner, form), new RegExp(`^/templates/${ID}$`));
		expect((await exported(owner, t1)).template.sessions[0].phases[0].facilitatorNote).toEqual({ fr: 'Accueillir avec un café', en: 'Welcome with a coffee' });
	});

	test('vivre-ensemble starts a series whose page shows the recommended gap', async () => {
		const f = await signUp(server.url);
		const series = redirectedTo(await post('/?/create', f, { title: 'Maison de Hautepierre', template: 'vivre-ensemble' }), new RegExp(`^/series/${ID}$`));
		const page = await (await get(`/series/${series}`, f)).text();
		expect(page).toContain('Délai recommandé : de 14 à 30 jours après l’atelier précédent.');
		expect(page).toContain('Maison de Hautepierre – Atelier 1 : les agents');
		// The home page leads back to the series from its workshop.
		expect(await (await get('/', f)).text()).toContain(`href="/series/${series}"`);
		const intruder = await signUp(server.url);
		expect((await get(`/series/${series}`, intruder)).status).toBe(404);
	});

	test('a later session of the series starts with the earlier sessions’ notes, marked with where they came from', async () => {
		const f = await signUp(server.url);
		const seriesId = redirectedTo(await post('/?/create', f, { title: 'Service funéraire', template: 'vivre-ensemble' }), new RegExp(`^/series/${ID}$`));
		const agents = new RegExp(`/w/${ID}`).exec(await (await get(`/series/${seriesId}`, f)).text())![1];
		await addNote(f, agents, 'Prendre le temps d’expliquer les démarches');

		// The mixed workshop cannot come before the users' one.
		expect((await post(`/series/${seriesId}?/create`, f, { session: 'mixte' })).status).toBe(409);
		const usagers = redirectedTo(await post(`/series/${seriesId}?/create`, f, { session: 'usagers' }), new RegExp(`^/w/${ID}$`));
		await addNote(f, usagers, 'Pouvoir venir sans rendez-vous');
		const mixte = redirectedTo(await post(`/series/${seriesId}?/create`, f, { session: 'mixte' }), new RegExp(`^/w/${ID}$`));
		expect((await post(`/series/${seriesId}?/create`, f, { session: 'mixte' })).status).toBe(409);

		const board = syncClient(server.url, mixte, { cookie: f });
		await board.synced;
		await eventually(() => readNotes(board.doc).length === 2, 'two carried-over notes');
		expect(readNotes(board.doc).map((n) => [n.text, n.origin?.sessionKey, n.origin?.workshopId])).toEqual(
			expect.arrayContaining([
				['Prendre le temps d’expliquer les démarches', 'agents', agents],
				['Pouvoir venir sans rendez-vous', 'usagers', usagers]
			])
		);
		board.destroy();
	});

	test('a co-facilitator of one session cannot create a later one that would show them the sessions they do not facilitate', async () => {
		const owner = await signUp(server.url);
		const seriesId = redirectedTo(await post('/?/create', owner, { title: 'Maison des aînés', template: 'vivre-ensemble' }), new RegExp(`^/series/${ID}$`));
		const agents = new RegExp(`/w/${ID}`).exec(await (await get(`/series/${seriesId}`, owner)).text())![1];
		await addNote(owner, agents, 'Une idée des agents, pour eux seuls');
		const usagers = redirectedTo(await post(`/series/${seriesId}?/create`, owner, { session: 'usagers' }), new RegExp(`^/w/${ID}$`));
		// Invited to the users' session only.
		const guest = await signUp(server.url);
		const invite = /\/invite\/[a-z2-7]+/.exec(await (await peopleAction(server.url, usagers, 'invite', {}, owner)).text())![0];
		expect((await post(invite, guest, {})).status).toBe(303);
		expect((await get(`/series/${seriesId}`, guest)).status).toBe(200);

		const refused = await post(`/series/${seriesId}?/create`, guest, { session: 'mixte' });
		expect(refused.status).toBe(403);
		expect(await refused.text()).toContain('que vous n’animez pas');
		// No mixed workshop was made; its maker, who facilitates both, still can.
		const mixte = redirectedTo(await post(`/series/${seriesId}?/create`, owner, { session: 'mixte' }), new RegExp(`^/w/${ID}$`));
		expect((await get(`/w/${mixte}`, guest)).status).toBe(403);
	});

	test('series rights follow the sessions’ rights: a co-facilitator of later sessions neither sees nor imports a session they do not run', async () => {
		const owner = await signUp(server.url);
		const seriesId = redirectedTo(await post('/?/create', owner, { title: 'Maison du quartier', template: 'vivre-ensemble' }), new RegExp(`^/series/${ID}$`));
		const agents = new RegExp(`/w/${ID}`).exec(await (await get(`/series/${seriesId}`, owner)).text())![1];
		const usagers = redirectedTo(await post(`/series/${seriesId}?/create`, owner, { session: 'usagers' }), new RegExp(`^/w/${ID}$`));
		const guest = await signUp(server.url);
		const invite = async (workshopId: string) =>
			expect((await post(/\/invite\/[a-z2-7]+/.exec(await (await peopleAction(server.url, workshopId, 'invite', {}, owner)).text())![0], guest, {})).status).toBe(303);
		await invite(usagers);

		// The series page shows the guest their session, the others only as existing, and no button that would be refused.
		const page = await (await get(`/series/${seriesId}`, guest)).text();
		expect(page).toContain(`/w/${usagers}`);
		expect(page).not.toContain(agents);
		expect(page).toContain('d’autres l’animent');
		expect(page).not.toContain('Créer cet atelier');
		expect(page).toContain('que vous n’animez pas');

		// Invited to the mixed session too, made by the owner: the agents' later notes stay out of their reach.
		const mixte = redirectedTo(await post(`/series/${seriesId}?/create`, owner, { session: 'mixte' }), new RegExp(`^/w/${ID}$`));
		await invite(mixte);
		await addNote(owner, agents, 'Écrite ensuite, chez les agents');
		await addNote(owner, usagers, 'Écrite ensuite, chez les usagers');
		const guestLive = liveClient(server.url, mixte, { cookie: guest });
		await connected(guestLive);
		expect(await send(guestLive, 'series.import', { commandId: 'guest-import' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		// The first start by the guest brings what they may read, nothing else.
		expect(await send(guestLive, 'phase.start', { commandId: 'guest-start' })).toMatchObject({ ok: true });
		const board = syncClient(server.url, mixte, { cookie: owner });
		await board.synced;
		const texts = () => readNotes(board.doc).map((n) => n.text);
		await eventually(() => texts().includes('Écrite ensuite, chez les usagers'), 'the users’ later note imported at the start');
		expect(texts()).not.toContain('Écrite ensuite, chez les agents');
		// The owner, who runs every session, imports it.
		const ownerLive = liveClient(server.url, mixte, { cookie: owner });
		await connected(ownerLive);
		expect(await send(ownerLive, 'series.import', { commandId: 'owner-import' })).toEqual({ ok: true, value: { imported: 1 } });
		await eventually(() => texts().includes('Écrite ensuite, chez les agents'), 'the agents’ note imported by the owner');
		for (const s of [guestLive, ownerLive]) s.close();
		board.destroy();
	});
});

/** Adds a note through /live, which acknowledges only once it is stored. */
async function addNote(cookie: string, workshopId: string, text: string): Promise<void> {
	const socket = liveClient(server.url, workshopId, { cookie });
	await connected(socket);
	const res = await send(socket, 'note.add', { commandId: `note-${Math.random().toString(36).slice(2, 12)}`, text });
	socket.close();
	expect(res.ok).toBe(true);
}
