import { describe, expect, test } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { RunningServer } from '../helpers/server-process.ts';
import { testServers } from '../helpers/test-servers.ts';
import { connected, eventually, liveClient, send, syncClient } from '../helpers/clients.ts';
import { cmd, mix, ROOM, room as roomOn, sizes, watched } from '../helpers/tables.ts';
import { readNotes } from '../../src/lib/domain/board/notes.ts';
import { readSections } from '../../src/lib/domain/board/sections.ts';
import { tableSectionId } from '../../src/lib/domain/tables/areas.ts';
import { plenarySectionId } from '../../src/lib/domain/tables/plenary.ts';
import { createWorkshop, joinAs, signUp } from '../helpers/http.ts';
import type { Phase } from '../../src/lib/domain/agenda/phase.ts';
import type { Category } from '../../src/lib/domain/workshop/categories.ts';

/**
 * Issue 13: tables and readiness. Real servers, real socket.io clients joined through the join
 * page. Only facilitators change the plan; a split balances collèges; a late joiner is seated
 * by the same rule; "j'ai fini" is counted by table and by collège and starts afresh at each phase.
 */

const { engines } = testServers('tables');

const AGENDA: Phase[] = [
	{ id: 'idees', type: 'ideation', title: 'Idées', minutes: 10, instructions: '', settings: { silent: true } },
	{ id: 'fin', type: 'free', title: 'Fin', minutes: 5, instructions: '', settings: {} }
];
const room = (server: RunningServer, agenda: Phase[] = AGENDA) => roomOn(server, agenda);

describe.each(engines)('table plan on $name', (engine) => {
	// One server per engine for the file (each test has its own workshop): PGlite's start is the slow part.
	let started: Promise<RunningServer> | null = null;
	const server = () => (started ??= engine.start());
	test('a facilitator creates tables and splits the room balanced by collège; every phone hears its table; a late joiner is seated by the same rule', async () => {
		const srv = await server();
		const { workshop, f, people } = await room(srv);
		for (const name of ['Table 1 — Accueil', 'Table 2 — Numérique', 'Table 3 — Courrier'])
			expect(await send(f.socket, 'table.create', { commandId: cmd(), name, instructions: `Parcours : ${name}` })).toMatchObject({ ok: true });
		await eventually(() => f.tables?.tables.length === 3 && f.tables.unseated.length === 12, 'three empty tables');

		const splitId = cmd('split');
		const split = await send(f.socket, 'tables.split', { commandId: splitId, mode: 'balanced' });
		expect(split).toEqual({ ok: true, value: { seated: 12, tables: 3 } });
		await eventually(() => !!f.tables && f.tables.unseated.length === 0, 'everyone seated');
		const plan = f.tables!;
		expect(sizes(plan)).toEqual([4, 4, 4]);
		expect(mix(plan, 'agent')).toEqual([2, 2, 2]);
		expect(mix(plan, 'usager')).toEqual([1, 1, 1]);
		expect(mix(plan, 'elu')).toEqual([1, 1, 1]);
		// A retry of the same split answers the first result and seats nobody again.
		expect(await send(f.socket, 'tables.split', { commandId: splitId, mode: 'balanced' })).toEqual(split);

		// Every phone hears the same plan and finds itself at exactly one table, with its instructions.
		await eventually(() => people.every((p) => p.tables?.tables.every((t, i) => t.members.length === plan.tables[i].members.length)), 'phones hear the plan');
		for (const [i, p] of people.entries()) {
			const mine = p.tables!.tables.filter((t) => t.members.some((m) => m.displayName === `P${i}`));
			expect(mine).toHaveLength(1);
			expect(mine[0].instructions).toBe(`Parcours : ${mine[0].name}`);
		}

		// A late joiner (an élue) is seated at a table when she connects: one table gets five, still mixed.
		const late = watched(srv, workshop.id, await joinAs(srv.url, workshop.joinCode, 'Tardive', 'elu'));
		await connected(late.socket);
		await eventually(() => !!late.tables && sizes(late.tables).reduce((a, b) => a + b, 0) === 13, 'the late joiner seated');
		expect([...sizes(late.tables!)].sort()).toEqual([4, 4, 5]);
		expect([...mix(late.tables!, 'elu')].sort()).toEqual([1, 1, 2]);
		expect(late.tables!.unseated).toEqual([]);

		// By hand: the facilitator moves someone, renames a table, removes one (its people sit nowhere).
		const someone = plan.tables[0].members[0];
		expect(await send(f.socket, 'table.assign', { commandId: cmd(), participantId: someone.id, tableId: plan.tables[1].id })).toMatchObject({ ok: true });
		expect(await send(f.socket, 'table.update', { commandId: cmd(), tableId: plan.tables[2].id, name: '  Table 3 — Courrier postal ', instructions: 'Les lettres' })).toMatchObject({ ok: true });
		await eventually(() => f.tables?.tables[2].name === 'Table 3 — Courrier postal' && f.tables.tables[1].members.some((m) => m.id === someone.id), 'the manual changes');
		expect(f.tables!.tables[2].instructions).toBe('Les lettres');
		expect(await send(f.socket, 'table.delete', { commandId: cmd(), tableId: plan.tables[2].id })).toMatchObject({ ok: true });
		await eventually(() => f.tables?.tables.length === 2 && f.tables.unseated.length > 0, 'a table removed');
	});

	test('a participant cannot create, rename, split or assign tables: refused, nothing changed; bad input gets a clear error', async () => {
		const srv = await server();
		const { f, people } = await room(srv);
		expect(await send(f.socket, 'table.create', { commandId: cmd(), name: 'Table 1', instructions: '' })).toMatchObject({ ok: true });
		await eventually(() => f.tables?.tables.length === 1, 'one table');
		const table = f.tables!.tables[0];
		const p = people[0].socket;
		const me = f.tables!.unseated[0];
		for (const [event, input] of [
			['table.create', { name: 'Ma table', instructions: '' }],
			['table.update', { tableId: table.id, name: 'Renommée', instructions: '' }],
			['table.delete', { tableId: table.id }],
			['table.assign', { participantId: me.id, tableId: table.id }],
			['tables.split', { mode: 'balanced' }]
		] as const)
			expect(await send(p, event, { commandId: cmd(), ...input }), event).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		const before = JSON.stringify(f.tables);
		// A facilitator's bad input: a clear error naming the problem, never a crash.
		expect(await send(f.socket, 'table.create', { commandId: cmd(), name: '   ', instructions: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		expect(await send(f.socket, 'table.create', { commandId: cmd(), name: 'x'.repeat(81), instructions: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		expect(await send(f.socket, 'tables.split', { commandId: cmd(), mode: 'alphabetical' })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/mode/) } });
		expect(await send(f.socket, 'table.assign', { commandId: cmd(), participantId: 'nobody-here', tableId: table.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
		expect(await send(f.socket, 'table.assign', { commandId: cmd(), participantId: me.id, tableId: 'no-such-table' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
		expect(await send(f.socket, 'table.update', { commandId: cmd(), tableId: 'no-such-table', name: 'A', instructions: '' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
		// The facilitator's own round trip proves nothing above changed the plan.
		expect(await send(f.socket, 'table.update', { commandId: cmd(), tableId: table.id, name: table.name, instructions: table.instructions })).toMatchObject({ ok: true });
		expect(JSON.stringify(f.tables)).toBe(before);
		// No plan to split into yet on a new workshop: said plainly.
		const owner = await signUp(srv.url);
		const bare = liveClient(srv.url, (await createWorkshop(srv.url, owner, 'Sans tables')).id, { cookie: owner });
		await connected(bare);
		expect(await send(bare, 'tables.split', { commandId: cmd(), mode: 'random' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
	});

	test("readiness: 'j'ai fini' is counted live by table and by collège; only participants say it; a phase change starts it afresh", async () => {
		const srv = await server();
		const { f, people } = await room(srv);
		for (const name of ['Table A', 'Table B', 'Table C']) expect(await send(f.socket, 'table.create', { commandId: cmd(), name, instructions: '' })).toMatchObject({ ok: true });
		expect(await send(f.socket, 'tables.split', { commandId: cmd(), mode: 'balanced' })).toMatchObject({ ok: true });
		// Before the start there is no phase to be done with.
		expect(await send(people[0].socket, 'readiness.set', { commandId: cmd(), done: true })).toMatchObject({ ok: false, error: { code: 'phase_closed' } });
		expect(await send(f.socket, 'phase.start', { commandId: cmd() })).toMatchObject({ ok: true });
		await eventually(() => f.readiness?.phaseId === 'idees' && f.readiness.counts.overall.of === 12, 'readiness of the first phase');
		expect(f.readiness!.counts.overall).toEqual({ done: 0, of: 12 });

		// Everyone at the first table is done, plus one more agent; one of them changes their mind and back.
		await eventually(() => !!f.tables && f.tables.unseated.length === 0, 'seated');
		const first = f.tables!.tables[0];
		const atFirst = new Set(first.members.map((m) => m.displayName));
		const doneNames = [...atFirst, ROOM.map((c, i) => [c, `P${i}`] as const).find(([c, name]) => c === 'agent' && !atFirst.has(name))![1]];
		const doers = doneNames.map((name) => people[Number(name.slice(1))]);
		for (const d of doers) expect(await send(d.socket, 'readiness.set', { commandId: cmd(), done: true })).toMatchObject({ ok: true, value: { phaseId: 'idees', done: true } });
		expect(await send(doers[0].socket, 'readiness.set', { commandId: cmd(), done: false })).toMatchObject({ ok: true, value: { done: false } });
		expect(await send(doers[0].socket, 'readiness.set', { commandId: cmd(), done: true })).toMatchObject({ ok: true });

		// The facilitator and every other screen see the counts, never who.
		await eventually(() => f.readiness?.counts.overall.done === 5, 'five done');
		const counts = f.readiness!.counts;
		expect(counts.byTable[first.id]).toEqual({ done: 4, of: 4 });
		expect(Object.values(counts.byTable).reduce((a, b) => a + b.done, 0)).toBe(5);
		expect(counts.byCategory).toEqual({ agent: { done: 3, of: 6 }, usager: { done: 1, of: 3 }, elu: { done: 1, of: 3 } });
		await eventually(() => people[11].readiness?.counts.overall.done === 5, 'a phone hears the counts');
		expect(JSON.stringify(people[11].readiness)).not.toMatch(/P\d/);
		await eventually(() => doers[0].mine?.done === true, 'one’s own answer');

		// A facilitator is not counted; a participant cannot end the (silent) phase; the facilitator can, early.
		expect(await send(f.socket, 'readiness.set', { commandId: cmd(), done: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(await send(people[0].socket, 'phase.skip', { commandId: cmd() })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(await send(f.socket, 'phase.skip', { commandId: cmd() })).toMatchObject({ ok: true });
		await eventually(() => f.readiness?.phaseId === 'fin', 'the next phase');
		expect(f.readiness!.counts.overall).toEqual({ done: 0, of: 12 });
		await eventually(() => doers[0].mine?.phaseId === 'fin' || doers[0].readiness?.phaseId === 'fin', 'the phone hears the new phase');
	});

	test("a participant writes into their own table's area only: another table's is refused and nothing changes; its reporter picks up to three", async () => {
		const srv = await server();
		const { facilitator, workshop, f, people } = await room(srv);
		for (const name of ['Table A', 'Table B']) expect(await send(f.socket, 'table.create', { commandId: cmd(), name, instructions: '' })).toMatchObject({ ok: true });
		expect(await send(f.socket, 'tables.split', { commandId: cmd(), mode: 'balanced' })).toMatchObject({ ok: true });
		await eventually(() => !!f.tables && f.tables.unseated.length === 0, 'seated');
		const [a, b] = f.tables!.tables;
		const writer = people[Number(a.members[0].displayName.slice(1))];
		const board = syncClient(srv.url, workshop.id, { cookie: facilitator });
		await board.synced;

		// Before the start the free board's rules hold: a note for one's own table lands in its area.
		const own = cmd('tnote');
		expect(await send(writer.socket, 'table.note.add', { commandId: own, tableId: a.id, text: 'Un accueil sans rendez-vous' })).toEqual({ ok: true, value: { noteId: own, tableId: a.id } });
		await eventually(() => readNotes(board.doc).some((n) => n.id === own), 'the note on the board');
		const area = readSections(board.doc).find((s) => s.id === tableSectionId(a.id))!;
		expect(area).toMatchObject({ kind: 'table', title: 'Table A' });
		expect([...area.memberIds].sort()).toEqual(a.members.map((m) => m.id).sort());
		expect(readNotes(board.doc).find((n) => n.id === own)).toMatchObject({ sectionId: area.id, text: 'Un accueil sans rendez-vous' });

		// Another table's area: refused, and nothing changes on the board.
		const before = { notes: readNotes(board.doc).length, sections: readSections(board.doc).length };
		const other = cmd('tnote');
		expect(await send(writer.socket, 'table.note.add', { commandId: other, tableId: b.id, text: 'Chez les voisins' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(await send(writer.socket, 'table.note.add', { commandId: cmd(), tableId: 'no-such-table', text: 'Nulle part' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
		expect(await send(writer.socket, 'table.note.add', { commandId: cmd(), tableId: a.id, text: '   ' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		// The facilitator may write into any table; once their note is there, the refused one is surely not.
		const theirs = cmd('tnote');
		expect(await send(f.socket, 'table.note.add', { commandId: theirs, tableId: b.id, text: 'Consigne : trois idées' })).toMatchObject({ ok: true });
		await eventually(() => readNotes(board.doc).some((n) => n.id === theirs), "the facilitator's note");
		expect(readNotes(board.doc).some((n) => n.id === other)).toBe(false);
		expect(readNotes(board.doc)).toHaveLength(before.notes + 1);
		expect(readSections(board.doc)).toHaveLength(before.sections + 1);

		// Reporters: a member of table A names themself; someone from table B cannot name A's reporter.
		const neighbour = people[Number(b.members[0].displayName.slice(1))];
		const teammate = people[Number(a.members[1].displayName.slice(1))];
		expect(await send(neighbour.socket, 'table.reporter', { commandId: cmd(), tableId: a.id, participantId: b.members[0].id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(await send(writer.socket, 'table.reporter', { commandId: cmd(), tableId: a.id, participantId: b.members[0].id })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		expect(await send(writer.socket, 'table.reporter', { commandId: cmd(), tableId: a.id, participantId: a.members[0].id })).toMatchObject({ ok: true });
		// Only the reporter picks, only notes of the table's own area, and at most three.
		expect(await send(teammate.socket, 'table.pick', { commandId: cmd(), tableId: a.id, noteId: own, picked: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(await send(writer.socket, 'table.pick', { commandId: cmd(), tableId: a.id, noteId: theirs, picked: true })).toMatchObject({ ok: false, error: { code: 'not_found' } });
		const more = [cmd('tnote'), cmd('tnote'), cmd('tnote')];
		for (const [i, id] of more.entries()) expect(await send(teammate.socket, 'table.note.add', { commandId: id, tableId: a.id, text: `Idée ${i}` })).toMatchObject({ ok: true });
		await eventually(() => more.every((id) => readNotes(board.doc).some((n) => n.id === id)), 'the teammate’s notes');
		for (const id of [own, ...more.slice(0, 2)]) expect(await send(writer.socket, 'table.pick', { commandId: cmd(), tableId: a.id, noteId: id, picked: true })).toMatchObject({ ok: true });
		expect(await send(writer.socket, 'table.pick', { commandId: cmd(), tableId: a.id, noteId: more[2], picked: true })).toMatchObject({ ok: false, error: { code: 'over_cap' } });
		await eventually(() => f.tables?.tables[0].picks.length === 3, 'the picks pushed');
		expect(f.tables!.tables[0]).toMatchObject({ reporterId: a.members[0].id, picks: [own, more[0], more[1]] });
		expect(f.tables!.tables[1]).toMatchObject({ reporterId: null, picks: [] });

		// A silent phase keeps notes off the board: table notes wait for its reveal.
		expect(await send(f.socket, 'phase.start', { commandId: cmd() })).toMatchObject({ ok: true });
		expect(await send(writer.socket, 'table.note.add', { commandId: cmd(), tableId: a.id, text: 'En silence' })).toMatchObject({ ok: false, error: { code: 'phase_closed' } });
		board.destroy();
	});

	test('the plenary gathers exactly the picked contributions once, with their table and collège, also when started again and after a crash; only a facilitator gives a table more time; the report shows each table’s contribution', async () => {
		let srv = await server();
		const agenda: Phase[] = [
			{ id: 'tables', type: 'ideation', title: 'En tables', minutes: 10, instructions: '', settings: {} },
			{ id: 'pleniere', type: 'clustering', title: 'Plénière', minutes: 15, instructions: '', settings: { plenary: true } }
		];
		const { facilitator, workshop, f, people } = await room(srv, agenda);
		for (const name of ['Table A', 'Table B']) expect(await send(f.socket, 'table.create', { commandId: cmd(), name, instructions: '' })).toMatchObject({ ok: true });
		expect(await send(f.socket, 'tables.split', { commandId: cmd(), mode: 'balanced' })).toMatchObject({ ok: true });
		await eventually(() => !!f.tables && f.tables.unseated.length === 0, 'seated');
		const [a, b] = f.tables!.tables;
		const personOf = (m: { displayName: string }) => people[Number(m.displayName.slice(1))];
		expect(await send(f.socket, 'phase.start', { commandId: cmd() })).toMatchObject({ ok: true });

		// Each table writes; its first member reports and picks: two of A's notes, one of B's (B's other stays at B).
		const written: Record<string, { id: string; text: string; category: Category }> = {};
		for (const [table, texts] of [[a, ['A : accueil sans rendez-vous', 'A : horaires du samedi', 'A : pas retenue']], [b, ['B : un seul numéro', 'B : pas retenue']]] as const)
			for (const [i, text] of texts.entries()) {
				const author = table.members[i];
				const id = cmd('pnote');
				expect(await send(personOf(author).socket, 'table.note.add', { commandId: id, tableId: table.id, text })).toMatchObject({ ok: true });
				written[text] = { id, text, category: author.category };
			}
		// Writing in the other table's area stays refused.
		expect(await send(personOf(a.members[0]).socket, 'table.note.add', { commandId: cmd(), tableId: b.id, text: 'Intrus' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		for (const [table, picks] of [[a, ['A : accueil sans rendez-vous', 'A : horaires du samedi']], [b, ['B : un seul numéro']]] as const) {
			const reporter = personOf(table.members[0]).socket;
			expect(await send(reporter, 'table.reporter', { commandId: cmd(), tableId: table.id, participantId: table.members[0].id })).toMatchObject({ ok: true });
			for (const text of picks) expect(await send(reporter, 'table.pick', { commandId: cmd(), tableId: table.id, noteId: written[text].id, picked: true })).toMatchObject({ ok: true });
		}

		// Per-table time: a participant cannot give extra time; the facilitator gives table B five more minutes, and B's phones hear it.
		const bPhone = personOf(b.members[1]);
		expect(await send(bPhone.socket, 'table.extend', { commandId: cmd(), tableId: b.id, minutes: 5 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(await send(f.socket, 'table.extend', { commandId: cmd(), tableId: b.id, minutes: 0 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		expect(await send(f.socket, 'table.extend', { commandId: cmd(), tableId: 'no-such-table', minutes: 5 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
		const extended = await send(f.socket, 'table.extend', { commandId: cmd(), tableId: b.id, minutes: 5 });
		expect(extended).toMatchObject({ ok: true, value: { tableId: b.id, extraTime: { phaseId: 'tables', ms: 300_000 } } });
		await eventually(() => bPhone.tables?.tables.find((t) => t.id === b.id)?.extraTime?.ms === 300_000, "B's phone hears its extra time");
		expect(bPhone.tables!.tables.find((t) => t.id === a.id)!.extraTime).toBeNull();

		// The plenary starts: the server copies exactly the three picks into its area, each with its table.
		const gathered = (doc: ReturnType<typeof syncClient>['doc']) =>
			readNotes(doc)
				.filter((n) => n.fromTable)
				.map((n) => [n.text, n.fromTable!.name, n.authorCategory, n.sectionId])
				.sort();
		const expected = [
			['A : accueil sans rendez-vous', 'Table A', written['A : accueil sans rendez-vous'].category, plenarySectionId('pleniere')],
			['A : horaires du samedi', 'Table A', written['A : horaires du samedi'].category, plenarySectionId('pleniere')],
			['B : un seul numéro', 'Table B', written['B : un seul numéro'].category, plenarySectionId('pleniere')]
		].sort();
		let board = syncClient(srv.url, workshop.id, { cookie: facilitator });
		await board.synced;
		expect(await send(f.socket, 'phase.skip', { commandId: cmd() })).toMatchObject({ ok: true });
		await eventually(() => gathered(board.doc).length === 3, 'the contributions gathered');
		expect(gathered(board.doc)).toEqual(expected);
		const total = readNotes(board.doc).length;
		expect(total).toBe(5 + 3);

		// Started again (back, then on): nothing copied twice. A facilitator's note after it is the fence.
		expect(await send(f.socket, 'phase.back', { commandId: cmd() })).toMatchObject({ ok: true });
		expect(await send(f.socket, 'phase.skip', { commandId: cmd() })).toMatchObject({ ok: true });
		const fence = cmd('fence');
		expect(await send(f.socket, 'table.note.add', { commandId: fence, tableId: a.id, text: 'Clôture' })).toMatchObject({ ok: true });
		await eventually(() => readNotes(board.doc).some((n) => n.id === fence), 'the fence note');
		expect(gathered(board.doc)).toEqual(expected);
		expect(readNotes(board.doc)).toHaveLength(total + 1);
		board.destroy();

		// A crash (kill -9) and a restart: the copies were stored before the phase change was answered; starting the plenary once more adds nothing.
		srv = await engine.restart(srv, 'SIGKILL');
		started = Promise.resolve(srv);
		board = syncClient(srv.url, workshop.id, { cookie: facilitator });
		await board.synced;
		expect(gathered(board.doc)).toEqual(expected);
		board.destroy();
		const again = liveClient(srv.url, workshop.id, { cookie: facilitator });
		await connected(again);
		expect(await send(again, 'phase.back', { commandId: cmd() })).toMatchObject({ ok: true });
		expect(await send(again, 'phase.skip', { commandId: cmd() })).toMatchObject({ ok: true });
		board = syncClient(srv.url, workshop.id, { cookie: facilitator });
		await board.synced;
		expect(gathered(board.doc)).toEqual(expected);
		expect(readNotes(board.doc)).toHaveLength(total + 1);
		board.destroy();
		again.disconnect();

		// The report shows each table's contribution, its people counted by collège, never named.
		const report = await (await fetch(`${srv.url}/w/${workshop.id}/report/json`, { headers: { cookie: facilitator } })).json();
		expect(report.tables.map((t: { name: string; contributions: { text: string }[] }) => [t.name, t.contributions.map((c) => c.text)])).toEqual([
			['Table A', ['A : accueil sans rendez-vous', 'A : horaires du samedi']],
			['Table B', ['B : un seul numéro']]
		]);
		expect(report.tables[0].byCategory.reduce((sum: number, c: { count: number }) => sum + c.count, 0)).toBe(a.members.length);
		expect(JSON.stringify(report.tables)).not.toMatch(/P\d/);
		// The CSV files: each note with its table, each plenary copy with its table of origin; the tables with their picks, members counted.
		const csv = async (file: string) =>
			parse(await (await fetch(`${srv.url}/w/${workshop.id}/report/${file}`, { headers: { cookie: facilitator } })).text(), { bom: true, columns: true }) as Record<string, string>[];
		const notes = await csv('notes.csv');
		expect(notes.filter((r) => r.note_id === written['B : pas retenue'].id).map((r) => [r.table, r.from_table])).toEqual([['Table B', '']]);
		expect(notes.filter((r) => r.from_table !== '').map((r) => [r.text, r.table, r.from_table]).sort()).toEqual([
			['A : accueil sans rendez-vous', '', 'Table A'],
			['A : horaires du samedi', '', 'Table A'],
			['B : un seul numéro', '', 'Table B']
		]);
		const tables = await csv('tables.csv');
		expect(tables.map((r) => [r.table, r.members, r.text])).toEqual([
			['Table A', String(a.members.length), 'A : accueil sans rendez-vous'],
			['Table A', String(a.members.length), 'A : horaires du samedi'],
			['Table B', String(b.members.length), 'B : un seul numéro']
		]);
		expect(JSON.stringify(tables)).not.toMatch(/P\d/);
	});
});
