
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { syncClient, liveClient, connected, send, eventually, rawSync } from '../helpers/clients.ts';
import { cookieFrom, createWorkshop, joinAs, joinWith, participantId, peopleAction, post, signUp } from '../helpers/http.ts';
import { createTestDatabaseUrl } from '../helpers/databases.ts';
import { insertNote, readNotes, type Note } from '../../src/lib/domain/board/notes.ts';

/**
 * Join and roles against a real server: each role gets exactly its rights on sync, on live
 * and on the facilitator's actions; removal, promotion and closing the join take effect on
 * open connections. PostgreSQL when DATABASE_URL is set (so the test can end a workshop
 * directly), PGlite otherwise.
 */
let server: RunningServer;
let database: { url: string; drop(): Promise<void> } | null = null;
let sql: postgres.Sql | null = null;
let owner: string;
let workshop: { id: string; joinCode: string };

beforeAll(async () => {
	if (process.env.DATABASE_URL) {
		database = await createTestDatabaseUrl();
		sql = postgres(database.url, { max: 1, onnotice: () => {} });
	}
	server = await startServer({ databaseUrl: database?.url });
	owner = await signUp(server.url);
	workshop = await createWorkshop(server.url, owner, 'Accueil des nouveaux habitants');
});
afterAll(async () => {
	await server?.kill();
	if (server) removeDir(server.dataDir);
	await sql?.end();
	await database?.drop();
});

const note = (id: string, authorId = 'x'): Note => ({
	id,
	text: `note ${id}`,
	x: 0,
	y: 0,
	color: 'yellow',
	authorId,
	authorCategory: 'facilitator',
	createdAt: 1,
	updatedAt: 1
});

/** Whether a note written straight into the document through `cookie`'s sync connection is kept by the server. */
async function syncWriteKept(cookie: string, id: string): Promise<boolean> {
	const c = syncClient(server.url, workshop.id, { cookie });
	const check = syncClient(server.url, workshop.id, { cookie: owner });
	await Promise.all([c.synced, check.synced]);
	insertNote(c.doc, note(id));
	// Kept writes reach the owner's client; dropped ones never do. Waiting for the first (not a
	// fixed delay) keeps a loaded machine from turning a kept write into a "dropped" one.
	const kept = () => readNotes(check.doc).some((n) => n.id === id);
	for (const end = Date.now() + 3000; !kept() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
	const result = kept();
	c.destroy();
	check.destroy();
	return result;
}

async function syncStatus(cookie: string): Promise<number> {
	const r = await rawSync(`${server.url.replace('http', 'ws')}/sync/${workshop.id}`, { origin: server.url, ...(cookie ? { cookie } : {}) });
	if (r.opened) {
		r.ws.close();
		return 101;
	}
	return r.status;
}

async function liveResult(cookie: string): Promise<string> {
	const s = liveClient(server.url, workshop.id, { cookie });
	try {
		await connected(s);
	} catch (e) {
		return `refused:${(e as { data?: { code?: string } }).data?.code}`;
	}
	const res = await send(s, 'note.add', { commandId: `live-${Math.random().toString(36).slice(2, 12)}`, text: 'Un guichet unique' });
	s.close();
	return res.ok ? 'ok' : res.error.code;
}

describe('each role gets exactly its rights', () => {
	let coFacilitator: string;
	let editor: string;
	let participant: string;
	let participantIdOf: string;
	let observer: string;
	let outsider: string;

	beforeAll(async () => {
		// A co-facilitator accepts an invitation link made by the owner.
		const invite = await (await peopleAction(server.url, workshop.id, 'invite', {}, owner)).text();
		const inviteUrl = /\/invite\/([a-z2-7]+)/.exec(invite)?.[0];
		expect(inviteUrl).toBeTruthy();
		coFacilitator = await signUp(server.url);
		const accepted = await post(`${server.url}${inviteUrl}`, {}, coFacilitator);
		expect(accepted.headers.get('location')).toBe(`/w/${workshop.id}`);
		// The same link does not work twice.
		const again = await (await post(`${server.url}${inviteUrl}`, {}, await signUp(server.url))).text();
		expect(again).toContain('n’est plus valable');

		editor = await joinAs(server.url, workshop.joinCode, 'Lab', 'agent');
		const promoted = await peopleAction(server.url, workshop.id, 'role', { participantId: await participantId(server.url, workshop.id, editor), role: 'editor' }, owner);
		expect(promoted.status).toBe(200);
		participant = await joinAs(server.url, workshop.joinCode, 'Fatou', 'usager');
		participantIdOf = await participantId(server.url, workshop.id, participant);

		const observerPage = await (await peopleAction(server.url, workshop.id, 'observer', {}, owner)).text();
		const observerPath = /\/o\/[a-z2-7]+/.exec(observerPage)?.[0];
		const opened = await fetch(`${server.url}${observerPath}`, { redirect: 'manual' });
		expect(opened.headers.get('location')).toBe(`/observe/${workshop.id}`);
		observer = cookieFrom(opened, /^concerto_o_/);
		outsider = await signUp(server.url);
	});

	test('sync: facilitators and editors write; participants and observers only read; outsiders are refused', async () => {
		expect(await syncWriteKept(owner, 'w-owner')).toBe(true);
		expect(await syncWriteKept(coFacilitator, 'w-co')).toBe(true);
		expect(await syncWriteKept(editor, 'w-editor')).toBe(true);
		expect(await syncWriteKept(participant, 'w-participant')).toBe(false);
		expect(await syncWriteKept(observer, 'w-observer')).toBe(false);
		expect(await syncStatus(outsider)).toBe(403);
		expect(await syncStatus('')).toBe(401);
	});

	test('live: everyone but observers adds notes through commands; observers are refused every command; outsiders the handshake', async () => {
		expect(await liveResult(owner)).toBe('ok');
		expect(await liveResult(coFacilitator)).toBe('ok');
		expect(await liveResult(editor)).toBe('ok');
		expect(await liveResult(participant)).toBe('ok');
		expect(await liveResult(observer)).toBe('forbidden');
		expect(await liveResult(outsider)).toBe('refused:forbidden');
		expect(await liveResult('')).toBe('refused:unauthorized');
	});

	test('only facilitators remove, promote, close the join or make links; the others’ posts change nothing', async () => {
		for (const who of [participant, editor, observer, outsider]) {
			expect((await peopleAction(server.url, workshop.id, 'remove', { participantId: participantIdOf }, who)).status).toBe(403);
			expect((await peopleAction(server.url, workshop.id, 'role', { participantId: participantIdOf, role: 'editor' }, who)).status).toBe(403);
			expect((await peopleAction(server.url, workshop.id, 'join', { open: 'false' }, who)).status).toBe(403);
			expect((await peopleAction(server.url, workshop.id, 'invite', {}, who)).status).toBe(403);
			expect((await peopleAction(server.url, workshop.id, 'observer', {}, who)).status).toBe(403);
		}
		expect((await peopleAction(server.url, workshop.id, 'remove', { participantId: participantIdOf }, '')).status).toBe(401);
		// Nothing changed: the participant is still a read-only participant, joining is still open.
		expect(await syncWriteKept(participant, 'w-participant-2')).toBe(false);
		expect(await liveResult(participant)).toBe('ok');
		expect((await fetch(`${server.url}/j/${workshop.joinCode}`)).status).toBe(200);
		expect(await (await fetch(`${server.url}/j/${workshop.joinCode}`)).text()).toContain('name="category"');
		// The co-facilitator's page and actions work.
		expect((await fetch(`${server.url}/w/${workshop.id}/participants`, { headers: { cookie: coFacilitator } })).status).toBe(200);
	});
});

describe('changes of rights reach open connections', () => {
	test('a promoted participant’s open sync connection is closed; it comes back read-write', async () => {
		const cookie = await joinAs(server.url, workshop.joinCode, 'Marie', 'elu');
		const id = await participantId(server.url, workshop.id, cookie);
		const c = syncClient(server.url, workshop.id, { cookie });
		await c.synced;
		const closes: number[] = [];
		c.provider.on('connection-close', (e: CloseEvent | null) => e && closes.push(e.code));
		await peopleAction(server.url, workshop.id, 'role', { participantId: id, role: 'editor' }, owner);
		await eventually(() => closes.includes(4205), 'the connection closed with "rights changed"');
		// The unmodified provider reconnects by itself, now as an editor.
		await eventually(() => c.provider.wsconnected && c.provider.synced, 'reconnected', 8000);
		insertNote(c.doc, note('promoted-write', id));
		const check = syncClient(server.url, workshop.id, { cookie: owner });
		await check.synced;
		await eventually(() => readNotes(check.doc).some((n) => n.id === 'promoted-write'), 'the editor’s write reaches the facilitator');
		c.destroy();
		check.destroy();
	});

	test('a page made for the role one had before (promoted while it loaded) has its live socket ended at once, so it reloads; the new role’s page stays', async () => {
		const cookie = await joinAs(server.url, workshop.joinCode, 'Léa', 'agent');
		const id = await participantId(server.url, workshop.id, cookie);
		// Promoted before the phone's live socket connected: no open socket to end then.
		expect((await peopleAction(server.url, workshop.id, 'role', { participantId: id, role: 'editor' }, owner)).status).toBe(200);
		// What the socket gets first: ended by the server (the page reloads on it), or the room's state.
		const firstWord = (s: ReturnType<typeof liveClient>) =>
			new Promise<string>((resolve) => {
				s.once('disconnect', (reason) => resolve(reason));
				s.once('workshop.state', () => resolve('state'));
			});
		const stale = liveClient(server.url, workshop.id, { cookie }, { renderedAs: 'participant' });
		expect(await firstWord(stale)).toBe('io server disconnect');
		stale.close();
		// The editor's page, and a page that does not say (every other page), are served as before.
		for (const auth of [{ renderedAs: 'editor' }, {}]) {
			const s = liveClient(server.url, workshop.id, { cookie }, auth);
			expect(await firstWord(s), JSON.stringify(auth)).toBe('state');
			expect(s.connected).toBe(true);
			s.close();
		}
		// Bad input gets a clear refusal.
		const bad = liveClient(server.url, workshop.id, { cookie }, { renderedAs: 42 });
		await expect(connected(bad)).rejects.toMatchObject({ data: { code: 'invalid_input' } });
		bad.close();
	});

	test('edits made while read-only are refused once promoted, even after the room was unloaded: the memory is in the database', async () => {
		const w = await createWorkshop(server.url, owner, 'Atelier relu');
		const cookie = await joinAs(server.url, w.joinCode, 'Nadia', 'usager');
		const id = await participantId(server.url, w.id, cookie);
		const loaded = async () => Number(/^concerto_workshops_loaded (\d+)/m.exec(await (await fetch(`${server.url}/metrics`)).text())?.[1]);
		const before = await loaded();
		const c = syncClient(server.url, w.id, { cookie });
		await c.synced;
		insertNote(c.doc, note('written-read-only', id));
		// Written while read-only (dropped), then the phone goes away: nobody holds the room, it unloads.
		const closes: number[] = [];
		c.provider.on('connection-close', (e: CloseEvent | null) => e && closes.push(e.code));
		c.provider.disconnect();
		for (let n = 0; (await loaded()) > before; n++) if (n > 500) throw new Error('the room was never unloaded');
		expect((await peopleAction(server.url, w.id, 'role', { participantId: id, role: 'editor' }, owner)).status).toBe(200);
		// Promoted, the same provider comes back with its old document: refused, its edit never replayed.
		c.provider.connect();
		await eventually(() => closes.includes(4409), 'the old document refused (4409)', 8000);
		const check = syncClient(server.url, w.id, { cookie: owner });
		await check.synced;
		expect(readNotes(check.doc).some((n) => n.id === 'written-read-only')).toBe(false);
		c.destroy();
		check.destroy();
	});

	test('a removed participant loses live and sync at once, cannot come back with the old cookie, and their notes stay', async () => {
		const cookie = await joinAs(server.url, workshop.joinCode, 'Paul', 'usager');
		const id = await participantId(server.url, workshop.id, cookie);
		const live = liveClient(server.url, workshop.id, { cookie });
		await connected(live);
		const added = await send<{ noteId: string }>(live, 'note.add', { commandId: 'removed-note-01', text: 'Des horaires plus larges' });
		expect(added.ok).toBe(true);
		const sync = await rawSync(`${server.url.replace('http', 'ws')}/sync/${workshop.id}`, { origin: server.url, cookie });
		if (!sync.opened) throw new Error('sync refused');
		const syncClosed = new Promise<number>((r) => sync.ws.once('close', (code) => r(code)));
		const liveClosed = new Promise<void>((r) => live.once('disconnect', () => r()));

		expect((await peopleAction(server.url, workshop.id, 'remove', { participantId: id }, owner)).status).toBe(200);
		expect(await syncClosed).toBe(4401);
		await liveClosed;
		expect(await syncStatus(cookie)).toBe(401);
		expect(await liveResult(cookie)).toBe('refused:unauthorized');
		// Their page says they no longer take part, without the join code; the facilitator's list no longer shows them.
		const page = await fetch(`${server.url}/p/${workshop.id}`, { headers: { cookie }, redirect: 'manual' });
		expect(page.status).toBe(401);
		expect(page.headers.get('location')).toBeNull();
		expect(await page.text()).not.toContain(workshop.joinCode);
		// Nor does anyone who only knows the workshop's id (an observer sees it in every URL).
		const stranger = await fetch(`${server.url}/p/${workshop.id}`, { redirect: 'manual' });
		expect(stranger.status).toBe(401);
		expect(stranger.headers.get('location')).toBeNull();
		expect(await stranger.text()).not.toContain(workshop.joinCode);
		const people = await (await fetch(`${server.url}/w/${workshop.id}/participants`, { headers: { cookie: owner } })).text();
		expect(people).not.toContain('Paul');
		const check = syncClient(server.url, workshop.id, { cookie: owner });
		await check.synced;
		expect(readNotes(check.doc).some((n) => n.id === 'removed-note-01')).toBe(true);
		check.destroy();
	});

	test('replacing the observer link ends the observers’ connections', async () => {
		const page = await (await peopleAction(server.url, workshop.id, 'observer', {}, owner)).text();
		const opened = await fetch(`${server.url}${/\/o\/[a-z2-7]+/.exec(page)![0]}`, { redirect: 'manual' });
		const observer = cookieFrom(opened, /^concerto_o_/);
		const sync = await rawSync(`${server.url.replace('http', 'ws')}/sync/${workshop.id}`, { origin: server.url, cookie: observer });
		if (!sync.opened) throw new Error('observer sync refused');
		const closed = new Promise<number>((r) => sync.ws.once('close', (code) => r(code)));
		await peopleAction(server.url, workshop.id, 'observer', {}, owner);
		expect(await closed).toBe(4401);
		expect(await syncStatus(observer)).toBe(401);
	});
});

describe('joining', () => {
	test('closing the join refuses newcomers (page and post) but lets joined participants back in', async () => {
		const before = await joinAs(server.url, workshop.joinCode, 'Inès', 'expert');
		await peopleAction(server.url, workshop.id, 'join', { open: 'false' }, owner);
		const page = await (await fetch(`${server.url}/j/${workshop.joinCode}`)).text();
		expect(page).toContain('inscriptions à cet atelier sont fermées');
		expect(page).not.toContain('name="category"');
		const refused = await joinWith(server.url, workshop.joinCode, { displayName: 'Tard', category: 'usager' });
		expect(refused.status).toBe(403);
		expect(refused.headers.getSetCookie().some((c) => c.startsWith('concerto_p_'))).toBe(false);
		const back = await fetch(`${server.url}/j/${workshop.joinCode}`, { headers: { cookie: before }, redirect: 'manual' });
		expect(back.headers.get('location')).toBe(`/p/${workshop.id}`);
		await peopleAction(server.url, workshop.id, 'join', { open: 'true' }, owner);
		expect((await joinWith(server.url, workshop.joinCode, { displayName: 'Enfin', category: 'usager' })).status).toBe(303);
	});

	test('a code typed the forgiving way (lower case, a dash, letters for look-alike digits) leads to the workshop', async () => {
		// The letter someone reads for each digit the codes use instead (O for 0, L for 1, Z for 2, S for 5, B for 8).
		const asTyped = (code: string) => {
			const letters: Record<string, string> = { '0': 'o', '1': 'l', '2': 'z', '5': 's', '8': 'b' };
			const typed = [...code].map((c) => letters[c] ?? c.toLowerCase()).join('');
			return `${typed.slice(0, 3)}-${typed.slice(3)}`;
		};
		const typed = asTyped(workshop.joinCode);
		// The home page's join form and the join URL both read it as the code.
		const home = await post(`${server.url}/?/join`, { code: ` ${typed} ` });
		expect(home.status).toBe(303);
		expect(home.headers.get('location')).toBe(`/j/${workshop.joinCode}`);
		const url = await fetch(`${server.url}/j/${encodeURIComponent(typed)}`, { redirect: 'manual' });
		expect(url.status).toBe(308);
		expect(url.headers.get('location')).toBe(`/j/${workshop.joinCode}`);
		// Every digit a code may hold read from its look-alike letter, as the server reads it.
		const allLookalikes = await post(`${server.url}/?/join`, { code: 'osl zbi' });
		expect(allLookalikes.headers.get('location')).toBe('/j/051281');
		// A character no code has is named, instead of a wrong word about the length.
		const stray = await post(`${server.url}/?/join`, { code: 'K7M 4Q#' });
		expect(stray.status).toBe(400);
		expect(await stray.text()).toContain('Les codes ne contiennent jamais #');
	});

	test('age band and gender are kept only when asked, and counted against the expected panel', async () => {
		const w = await createWorkshop(server.url, owner, 'Panel');
		await peopleAction(server.url, w.id, 'panel', { 'category.usager': '3', 'ageBand.75-plus': '2', genderBalance: 'on' }, owner);
		// Not asked: the answers a forged post carries are dropped.
		await joinWith(server.url, w.joinCode, { displayName: '', category: 'usager', ageBand: '75-plus', gender: 'woman' });
		let people = await (await fetch(`${server.url}/w/${w.id}/participants`, { headers: { cookie: owner } })).text();
		expect(people).toContain('Sans réponse : 1');
		expect(people).toContain('Anonyme');
		// Asked: the join page offers the questions, and an answer counts.
		await peopleAction(server.url, w.id, 'questions', { askAgeBand: 'on', askGender: 'on' }, owner);
		const form = await (await fetch(`${server.url}/j/${w.joinCode}`)).text();
		expect(form).toContain('name="ageBand"');
		expect(form).toContain('name="gender"');
		await joinWith(server.url, w.joinCode, { displayName: 'Odette', category: 'usager', ageBand: '75-plus', gender: 'woman' });
		expect((await joinWith(server.url, w.joinCode, { displayName: 'X', category: 'usager', ageBand: '200' })).status).toBe(400);
		people = await (await fetch(`${server.url}/w/${w.id}/participants`, { headers: { cookie: owner } })).text();
		expect(people).toContain('2 présent·es sur 3 attendu·es');
		expect(people).toContain('Manque encore');
	});

	test.runIf(!!process.env.DATABASE_URL)('an ended workshop’s code shows the restitution notice, never the join form', async () => {
		const w = await createWorkshop(server.url, owner, 'Terminé');
		const joined = await joinAs(server.url, w.joinCode, 'Lou', 'agent');
		await sql!`UPDATE workshop SET status = 'ended' WHERE id = ${w.id}`;
		for (const cookie of ['', joined]) {
			const res = await fetch(`${server.url}/j/${w.joinCode}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
			expect(res.status).toBe(200);
			const html = await res.text();
			expect(html).toContain('Cet atelier est terminé');
			expect(html).not.toContain('name="category"');
			expect(html.includes('Merci d’y avoir participé')).toBe(cookie !== '');
		}
		expect((await joinWith(server.url, w.joinCode, { displayName: 'Tard', category: 'usager' })).status).toBe(403);
	});
});


