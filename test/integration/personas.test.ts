import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { syncClient, liveClient, connected, send, eventually } from '../helpers/clients.ts';
import { cookieFrom, createWorkshop, joinAs, participantId, peopleAction, signUp } from '../helpers/http.ts';
import * as Y from 'yjs';
import { anchorPersonaField, createPersona, mergePersonaField, personasOf, readPersonas, type Persona } from '../../src/lib/domain/board/personas.ts';
import type { Phase } from '../../src/lib/domain/agenda/phase.ts';
import type { WorkshopState } from '../../src/lib/protocol/live.ts';

let server: RunningServer;
let workshop: { id: string; joinCode: string };
let facilitator: Socket;
let fatima: Socket;
let paul: Socket;
let fatimaId: string;
let paulId: string;
let observerCookie: string;
let ownerCookie: string;
let watcher: ReturnType<typeof syncClient>;
const latest = new Map<Socket, WorkshopState>();
let ids = 0;
const cmd = (what = 'cmd') => `${what}-${Date.now()}-${ids++}`;

const agenda: Phase[] = [
	{ id: 'idees', type: 'ideation', title: 'Idées', minutes: 10, instructions: '', settings: {} },
	{ id: 'personas', type: 'persona', title: 'Personas', minutes: 20, instructions: 'Qui est concerné ?', settings: {} },
	{ id: 'personas-agents', type: 'persona', title: 'Personas des agents', minutes: 10, instructions: '', settings: { categories: ['agent'] } }
];

async function watch(cookie: string): Promise<Socket> {
	const s = liveClient(server.url, workshop.id, { cookie });
	s.on('workshop.state', (st: WorkshopState) => latest.set(s, st));
	await connected(s);
	await eventually(() => latest.has(s), 'the state on connect');
	return s;
}

async function moveTo(phaseId: string): Promise<void> {
	expect(await send(facilitator, 'phase.skip', { commandId: cmd('skip') })).toMatchObject({ ok: true });
	await eventually(() => latest.get(fatima)?.timer.phase === phaseId, `the phase ${phaseId}`);
}

const persona = (id: string): Persona | undefined => readPersonas(watcher.doc).find((p) => p.id === id);
/** The whole personas part of the board as everyone reads it, to compare before and after. */
const snapshot = () => JSON.stringify(readPersonas(watcher.doc));

beforeAll(async () => {
	server = await startServer();
	const owner = await signUp(server.url);
	ownerCookie = owner;
	workshop = await createWorkshop(server.url, owner, 'Personas de l’accueil');
	const fatimaCookie = await joinAs(server.url, workshop.joinCode, 'Fatima', 'usager');
	const paulCookie = await joinAs(server.url, workshop.joinCode, 'Paul', 'agent');
	fatimaId = await participantId(server.url, workshop.id, fatimaCookie);
	paulId = await participantId(server.url, workshop.id, paulCookie);
	const observerPage = await (await peopleAction(server.url, workshop.id, 'observer', {}, owner)).text();
	const observerPath = /\/o\/[a-z2-7]+/.exec(observerPage)?.[0];
	observerCookie = cookieFrom(await fetch(`${server.url}${observerPath}`, { redirect: 'manual' }), /^concerto_o_/);

	facilitator = await watch(owner);
	fatima = await watch(fatimaCookie);
	paul = await watch(paulCookie);
	watcher = syncClient(server.url, workshop.id, { cookie: owner });
	await watcher.synced;
	expect(await send(facilitator, 'agenda.save', { commandId: cmd('agenda'), phases: agenda })).toMatchObject({ ok: true });
	expect(await send(facilitator, 'phase.start', { commandId: cmd('start') })).toMatchObject({ ok: true });
	await eventually(() => latest.get(fatima)?.timer.phase === 'idees', 'the ideation phase');
	// Notes to link later, written while notes are open.
	expect(await send(fatima, 'note.add', { commandId: 'note-fatima-1', text: 'Un rendez-vous par téléphone' })).toMatchObject({ ok: true });
	expect(await send(paul, 'note.add', { commandId: 'note-paul-001', text: 'Un agent référent par quartier' })).toMatchObject({ ok: true });
});
afterAll(async () => {
	for (const s of [facilitator, fatima, paul]) s?.close();
	watcher?.destroy();
	await server?.kill();
	if (server) removeDir(server.dataDir);
});

describe('personas over /live', () => {
	test('outside a persona phase participants are refused and nothing changes; the facilitator still prepares personas', async () => {
		expect(await send(fatima, 'persona.create', { commandId: cmd('p'), name: 'Fatima' })).toMatchObject({ ok: false, error: { code: 'phase_closed' } });
		expect(await send(facilitator, 'persona.create', { commandId: 'persona-fatima', name: 'Fatima, 67 ans' })).toEqual({
			ok: true,
			value: { personaId: 'persona-fatima' }
		});
		await eventually(() => persona('persona-fatima')?.fields.name === 'Fatima, 67 ans', 'the facilitator’s persona');
		const before = snapshot();
		const refused = await Promise.all([
			send(fatima, 'persona.field', { commandId: cmd(), personaId: 'persona-fatima', field: 'age', value: '67', base: '' }),
			send(paul, 'persona.item.add', { commandId: cmd(), personaId: 'persona-fatima', list: 'needs', text: 'Être rappelée' }),
			send(fatima, 'persona.link', { commandId: cmd(), personaId: 'persona-fatima', noteId: 'note-fatima-1', linked: true })
		]);
		for (const res of refused) expect(res).toMatchObject({ ok: false, error: { code: 'phase_closed' } });
		await new Promise((r) => setTimeout(r, 300));
		expect(snapshot()).toBe(before);
	});

	test('two participants filling different fields of one persona at the same time keep both, and both their list items', async () => {
		await moveTo('personas');
		const created = await send<{ personaId: string }>(fatima, 'persona.create', { commandId: 'persona-maison', name: 'Jean' });
		expect(created).toEqual({ ok: true, value: { personaId: 'persona-maison' } });
		const results = await Promise.all([
			send(fatima, 'persona.field', { commandId: cmd(), personaId: 'persona-maison', field: 'age', value: '42 ans', base: '' }),
			send(paul, 'persona.field', { commandId: cmd(), personaId: 'persona-maison', field: 'situation', value: 'Artisan, deux enfants, horaires décalés', base: '' }),
			send(fatima, 'persona.item.add', { commandId: 'item-fatima-1', personaId: 'persona-maison', list: 'needs', text: 'Un rendez-vous après 18 h' }),
			send(paul, 'persona.item.add', { commandId: 'item-paul-0001', personaId: 'persona-maison', list: 'needs', text: 'Un interlocuteur unique' }),
			send(paul, 'persona.item.add', { commandId: 'item-paul-0002', personaId: 'persona-maison', list: 'channels', text: 'telephone' })
		]);
		for (const res of results) expect(res).toMatchObject({ ok: true });
		await eventually(() => persona('persona-maison')?.lists.needs.length === 2 && persona('persona-maison')?.fields.situation !== '', 'both writes');
		const p = persona('persona-maison')!;
		expect(p.fields).toMatchObject({ name: 'Jean', age: '42 ans', situation: 'Artisan, deux enfants, horaires décalés' });
		expect(p.lists.needs.map((i) => [i.id, i.text, i.authorId]).sort()).toEqual([
			['item-fatima-1', 'Un rendez-vous après 18 h', fatimaId],
			['item-paul-0001', 'Un interlocuteur unique', paulId]
		]);
		expect(p.lists.channels.map((i) => i.text)).toEqual(['telephone']);
	});

	test('a command id never takes a persona made on the board: another’s create with its id is a conflict and changes nothing', async () => {
		// The facilitator's board makes personas straight in the document, with no command record.
		createPersona(watcher.doc, 'persona-du-tableau', Date.now(), 'Odile');
		// Read back by another connection: the server holds it.
		const other = syncClient(server.url, workshop.id, { cookie: ownerCookie });
		await other.synced;
		await eventually(() => readPersonas(other.doc).some((p) => p.id === 'persona-du-tableau'), 'the board’s persona on the server');
		other.destroy();
		const before = snapshot();
		expect(await send(paul, 'persona.create', { commandId: 'persona-du-tableau', name: 'Paul' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
		expect(snapshot()).toBe(before);
	});

	test('two phones saving the same field at once: one is saved, the other hears who changed it and to what, and sends again', async () => {
		const base = 'Artisan, deux enfants, horaires décalés';
		const mine = { fatima: `${base}, pas de voiture`, paul: `Artisan boulanger, deux enfants, horaires décalés` };
		const [fromFatima, fromPaul] = await Promise.all([
			send(fatima, 'persona.field', { commandId: cmd(), personaId: 'persona-maison', field: 'situation', value: mine.fatima, base }),
			send(paul, 'persona.field', { commandId: cmd(), personaId: 'persona-maison', field: 'situation', value: mine.paul, base })
		]);
		// Exactly one is saved; the other changes nothing and says who wrote what meanwhile.
		const [saved, refused, who, loser, theirs] = fromFatima.ok ? [fromFatima, fromPaul, 'Fatima', paul, mine.paul] : [fromPaul, fromFatima, 'Paul', fatima, mine.fatima];
		const winner = who === 'Fatima' ? mine.fatima : mine.paul;
		expect(saved).toMatchObject({ ok: true });
		expect(refused).toEqual({
			ok: false,
			error: { code: 'conflict', message: `the persona's situation was changed meanwhile by ${who}; nothing was written`, detail: { current: winner, by: who } }
		});
		await eventually(() => persona('persona-maison')?.fields.situation === winner, 'the saved text');
		// Having seen it, the other merges by hand and sends again from the text saved now.
		const merged = `${theirs} (et ${winner})`;
		expect(await send(loser, 'persona.field', { commandId: cmd(), personaId: 'persona-maison', field: 'situation', value: merged, base: winner })).toMatchObject({
			ok: true
		});
		await eventually(() => persona('persona-maison')?.fields.situation === merged, 'the merged text');
	});

	test('a save without the text it started from, or a malformed one, is refused and changes nothing', async () => {
		const before = snapshot();
		const noBase = await send(paul, 'persona.field', { commandId: cmd(), personaId: 'persona-maison', field: 'age', value: '40 ans' });
		expect(noBase).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('base') } });
		const forged = await send(paul, 'persona.field', { commandId: cmd(), personaId: 'persona-maison', field: 'age', value: '40 ans', base: 'pas ça' });
		expect(forged).toMatchObject({ ok: false, error: { code: 'conflict', detail: { current: '42 ans', by: 'Fatima' } } });
		const notText = await send(paul, 'persona.field', { commandId: cmd(), personaId: 'persona-maison', field: 'age', value: '40 ans', base: 42 });
		expect(notText).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		await new Promise((r) => setTimeout(r, 300));
		expect(snapshot()).toBe(before);
	});

	test('a facilitator typing in a field while a phone saves it keeps both (the facilitator’s board merges)', async () => {
		await eventually(() => persona('persona-maison') !== undefined, 'the persona on the board');
		const anchors = anchorPersonaField(watcher.doc, 'persona-maison', 'quote')!;
		expect(anchors.base).toBe('');
		expect(await send(paul, 'persona.field', { commandId: cmd(), personaId: 'persona-maison', field: 'quote', value: 'On m’a renvoyé', base: '' })).toMatchObject({
			ok: true
		});
		await eventually(() => persona('persona-maison')?.fields.quote === 'On m’a renvoyé', 'the phone’s quote on the board');
		// The facilitator had started from the empty field and typed their own words.
		expect(mergePersonaField(watcher.doc, 'persona-maison', 'quote', anchors, 'trois fois', 'facilitator')).toBe('merged');
		const check = syncClient(server.url, workshop.id, { cookie: observerCookie });
		await check.synced;
		await eventually(() => readPersonas(check.doc).find((p) => p.id === 'persona-maison')?.fields.quote.length === 'On m’a renvoyé'.length + 'trois fois'.length, 'both in the server’s copy');
		const quote = readPersonas(check.doc).find((p) => p.id === 'persona-maison')!.fields.quote;
		expect(quote).toContain('On m’a renvoyé');
		expect(quote).toContain('trois fois');
		check.destroy();
	});

	test('a persona written by an older version (plain strings) still reads, and a phone’s save works on it', async () => {
		watcher.doc.transact(() => {
			const m = new Y.Map<unknown>();
			personasOf(watcher.doc).set('persona-ancienne', m);
			m.set('name', 'Mme Durand');
			m.set('order', 9);
			for (const list of ['needs', 'frustrations', 'goals', 'channels', 'contactPoints', 'notes']) m.set(list, new Y.Map());
		});
		await eventually(() => persona('persona-ancienne')?.fields.name === 'Mme Durand', 'the older persona');
		expect(await send(fatima, 'persona.field', { commandId: cmd(), personaId: 'persona-ancienne', field: 'name', value: 'Mme Durand, 80 ans', base: 'Mme Durand' })).toMatchObject({
			ok: true
		});
		await eventually(() => persona('persona-ancienne')?.fields.name === 'Mme Durand, 80 ans', 'the save on it');
	});

	test('a retried command adds its item once', async () => {
		const add = { commandId: 'item-retry-01', personaId: 'persona-maison', list: 'goals', text: 'Garder son activité' };
		expect(await send(fatima, 'persona.item.add', add)).toMatchObject({ ok: true, value: { itemId: 'item-retry-01' } });
		expect(await send(fatima, 'persona.item.add', add)).toMatchObject({ ok: true, value: { itemId: 'item-retry-01' } });
		await eventually(() => persona('persona-maison')?.lists.goals.length === 1, 'the goal');
		await new Promise((r) => setTimeout(r, 200));
		expect(persona('persona-maison')!.lists.goals).toHaveLength(1);
	});

	test('a participant removes their own item, never another’s; a facilitator removes any', async () => {
		const theirs = { personaId: 'persona-maison', list: 'needs', itemId: 'item-paul-0001' };
		expect(await send(fatima, 'persona.item.remove', { commandId: cmd(), ...theirs })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		await new Promise((r) => setTimeout(r, 200));
		expect(persona('persona-maison')!.lists.needs.map((i) => i.id)).toContain('item-paul-0001');

		expect(await send(fatima, 'persona.item.remove', { commandId: cmd(), personaId: 'persona-maison', list: 'needs', itemId: 'item-fatima-1' })).toMatchObject({
			ok: true
		});
		expect(await send(facilitator, 'persona.item.remove', { commandId: cmd(), personaId: 'persona-maison', list: 'channels', itemId: 'item-paul-0002' })).toMatchObject({
			ok: true
		});
		await eventually(() => persona('persona-maison')!.lists.needs.length === 1 && persona('persona-maison')!.lists.channels.length === 0, 'the removals');
		expect(await send(paul, 'persona.item.remove', { commandId: cmd(), personaId: 'persona-maison', list: 'needs', itemId: 'gone-item' })).toMatchObject({
			ok: false,
			error: { code: 'not_found' }
		});
	});

	test('a participant links only their own note; a facilitator links or unlinks any', async () => {
		const link = (who: Socket, noteId: string, linked = true) => send(who, 'persona.link', { commandId: cmd(), personaId: 'persona-maison', noteId, linked });
		expect(await link(fatima, 'note-paul-001')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(await link(fatima, 'note-fatima-1')).toMatchObject({ ok: true, value: { noteId: 'note-fatima-1' } });
		expect(await link(facilitator, 'note-paul-001')).toMatchObject({ ok: true });
		await eventually(() => persona('persona-maison')!.noteIds.length === 2, 'both links');
		expect(await link(paul, 'note-fatima-1', false)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(await link(facilitator, 'note-fatima-1', false)).toMatchObject({ ok: true });
		await eventually(() => persona('persona-maison')!.noteIds.join() === 'note-paul-001', 'the unlink');
		expect(await link(paul, 'no-such-note')).toMatchObject({ ok: false, error: { code: 'not_found' } });
	});

	test('bad input gets a clear error and changes nothing: observer, unknown persona, too long, unknown field', async () => {
		const before = snapshot();
		const observer = liveClient(server.url, workshop.id, { cookie: observerCookie });
		await connected(observer);
		expect(await send(observer, 'persona.field', { commandId: cmd(), personaId: 'persona-maison', field: 'age', value: '99', base: '' })).toMatchObject({
			ok: false,
			error: { code: 'forbidden' }
		});
		observer.close();

		expect(await send(paul, 'persona.field', { commandId: cmd(), personaId: 'no-such-persona', field: 'age', value: '30', base: '' })).toMatchObject({
			ok: false,
			error: { code: 'not_found', message: 'no such persona' }
		});
		const tooLong = await send(paul, 'persona.field', { commandId: cmd(), personaId: 'persona-maison', field: 'name', value: 'J'.repeat(81), base: '' });
		expect(tooLong).toEqual({ ok: false, error: { code: 'invalid_input', message: "the persona's name takes at most 80 characters" } });
		const wayTooLong = await send(paul, 'persona.field', { commandId: cmd(), personaId: 'persona-maison', field: 'situation', value: 'x'.repeat(5000), base: '' });
		expect(wayTooLong).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('value') } });
		const longItem = await send(paul, 'persona.item.add', { commandId: cmd(), personaId: 'persona-maison', list: 'needs', text: 'x'.repeat(201) });
		expect(longItem).toEqual({ ok: false, error: { code: 'invalid_input', message: 'an item needs 1 to 200 characters' } });
		expect(await send(paul, 'persona.item.add', { commandId: cmd(), personaId: 'persona-maison', list: 'needs', text: '   ' })).toMatchObject({
			ok: false,
			error: { code: 'invalid_input' }
		});
		expect(await send(paul, 'persona.field', { commandId: cmd(), personaId: 'persona-maison', field: 'order', value: '0', base: '' })).toMatchObject({
			ok: false,
			error: { code: 'invalid_input', message: expect.stringContaining('field') }
		});
		expect(await send(paul, 'persona.item.add', { commandId: cmd(), personaId: 'persona-maison', list: 'notes', text: 'x' })).toMatchObject({
			ok: false,
			error: { code: 'invalid_input' }
		});
		// Strict schemas: an author cannot be slipped in.
		expect(
			await send(paul, 'persona.item.add', { commandId: cmd(), personaId: 'persona-maison', list: 'needs', text: 'x', authorId: fatimaId })
		).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		await new Promise((r) => setTimeout(r, 300));
		expect(snapshot()).toBe(before);
	});

	test('while the board is locked participants are refused and nothing changes', async () => {
		expect(await send(facilitator, 'board.lock', { commandId: cmd('lock'), locked: true })).toMatchObject({ ok: true });
		await eventually(() => latest.get(paul)?.locked === true, 'the lock');
		const before = snapshot();
		const refused = await Promise.all([
			send(paul, 'persona.create', { commandId: cmd() }),
			send(paul, 'persona.field', { commandId: cmd(), personaId: 'persona-maison', field: 'quote', value: '« On m’a renvoyé trois fois »', base: '' }),
			send(paul, 'persona.item.remove', { commandId: cmd(), personaId: 'persona-maison', list: 'needs', itemId: 'item-paul-0001' })
		]);
		for (const res of refused) expect(res).toMatchObject({ ok: false, error: { code: 'locked' } });
		await new Promise((r) => setTimeout(r, 300));
		expect(snapshot()).toBe(before);
		expect(await send(facilitator, 'board.lock', { commandId: cmd('unlock'), locked: false })).toMatchObject({ ok: true });
		await eventually(() => latest.get(paul)?.locked === false, 'the unlock');
	});

	test('a persona phase for agents only refuses other categories', async () => {
		await moveTo('personas-agents');
		const before = snapshot();
		expect(await send(fatima, 'persona.field', { commandId: cmd(), personaId: 'persona-maison', field: 'time', value: 'Peu', base: '' })).toMatchObject({
			ok: false,
			error: { code: 'forbidden' }
		});
		await new Promise((r) => setTimeout(r, 200));
		expect(snapshot()).toBe(before);
		expect(await send(paul, 'persona.field', { commandId: cmd(), personaId: 'persona-maison', field: 'time', value: 'Travaille tard', base: '' })).toMatchObject({
			ok: true
		});
		await eventually(() => persona('persona-maison')?.fields.time === 'Travaille tard', 'the agent’s field');
	});
});
