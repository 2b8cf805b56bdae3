import type { Socket } from 'socket.io-client';
import { describe, expect, test } from 'vitest';
import { testServers } from '../helpers/test-servers.ts';
import { syncClient, liveClient, connected, send, eventually } from '../helpers/clients.ts';
import { createWorkshop, joinAs, signUp } from '../helpers/http.ts';
import { readNotes } from '../../src/lib/domain/board/notes.ts';
import type { Phase } from '../../src/lib/domain/agenda/phase.ts';
import type { HiddenNote } from '../../src/lib/protocol/live.ts';

/**
 * Issue 12, item 4: prompts are real. A note carries the prompt it was written under, checked
 * by the server against the running phase's prompts, and kept through a silent phase's reveal.
 */

const { engines } = testServers('note prompts');
let n = 0;
const cmd = () => `prompt-${Date.now().toString(36)}-${n++}`;
const PROMPTS = ['Fond — obstacles', 'Fond — leviers'];

describe.each(engines)('prompts on $name', (engine) => {
	test('an unknown prompt is refused and adds nothing; a prompt survives a silent phase’s reveal', async () => {
		const server = await engine.start();
		const facilitator = await signUp(server.url);
		const workshop = await createWorkshop(server.url, facilitator, 'Crash-test du formulaire');
		const fLive = liveClient(server.url, workshop.id, { cookie: facilitator });
		await connected(fLive);
		const agenda: Phase[] = [
			{ id: 'crash', type: 'ideation', title: 'Crash-test', minutes: 20, instructions: '', settings: { silent: true, prompts: PROMPTS } },
			{ id: 'libre', type: 'ideation', title: 'Idées', minutes: 10, instructions: '', settings: { prompts: PROMPTS } }
		];
		expect(await send(fLive, 'agenda.save', { commandId: cmd(), phases: agenda })).toMatchObject({ ok: true });
		expect(await send(fLive, 'phase.start', { commandId: cmd() })).toMatchObject({ ok: true });
		const pLive: Socket = liveClient(server.url, workshop.id, { cookie: await joinAs(server.url, workshop.joinCode, 'Fatima', 'usager') });
		let hidden: HiddenNote[] = [];
		pLive.on('notes.hidden', (h: HiddenNote[]) => (hidden = h));
		await connected(pLive);
		const watcher = syncClient(server.url, workshop.id, { cookie: facilitator });
		await watcher.synced;

		// A made-up prompt: a clear invalid_input, and no note anywhere.
		const refused = await send(pLive, 'note.add', { commandId: cmd(), text: 'Hors sujet', prompt: 'Forme — inventée' });
		expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		expect(await send(pLive, 'note.add', { commandId: cmd(), text: 'Sans rubrique', prompt: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

		// Silent: the note waits on the server with its prompt, seen by its author.
		expect(await send(pLive, 'note.add', { commandId: cmd(), text: 'Trop de pièces demandées', prompt: PROMPTS[0] })).toMatchObject({
			ok: true,
			value: { hidden: true }
		});
		await eventually(() => hidden.length === 1, 'the author sees their hidden note');
		expect(hidden[0]).toMatchObject({ text: 'Trop de pièces demandées', prompt: PROMPTS[0] });
		expect(await send(fLive, 'phase.reveal', { commandId: cmd() })).toEqual({ ok: true, value: { revealed: 1 } });
		await eventually(() => readNotes(watcher.doc).length === 1, 'revealed into the document');
		expect(readNotes(watcher.doc)[0]).toMatchObject({ text: 'Trop de pièces demandées', prompt: PROMPTS[0], authorCategory: 'usager' });

		// Not silent: straight to the board with its prompt; without one, no prompt.
		expect(await send(fLive, 'phase.skip', { commandId: cmd() })).toMatchObject({ ok: true });
		expect(await send(pLive, 'note.add', { commandId: cmd(), text: 'Un agent référent', prompt: PROMPTS[1] })).toMatchObject({ ok: true });
		expect(await send(pLive, 'note.add', { commandId: cmd(), text: 'Sans rubrique' })).toMatchObject({ ok: true });
		await eventually(() => readNotes(watcher.doc).length === 3, 'the two notes on the board');
		const notes = readNotes(watcher.doc);
		expect(notes.find((x) => x.text === 'Un agent référent')?.prompt).toBe(PROMPTS[1]);
		expect(notes.find((x) => x.text === 'Sans rubrique')?.prompt).toBeUndefined();
		expect(notes.some((x) => x.text === 'Hors sujet')).toBe(false);
		watcher.destroy();
		pLive.close();
		fLive.close();
	});
});
