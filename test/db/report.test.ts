import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { saveDecision, saveOwners } from '../../server/db/repositories/decisions.ts';
import { createParticipant } from '../../server/db/repositories/participants.ts';
import { updateJoinSettings } from '../../server/db/repositories/join-settings.ts';
import { markPhaseTimes, saveAgenda } from '../../server/db/repositories/agenda.ts';
import { appendUpdate } from '../../server/db/repositories/yjs-log.ts';
import { lockVotePhase, revealVotes, writeVotes } from '../../server/db/repositories/votes.ts';
import { insertNote } from '../../src/lib/domain/board/notes.ts';
import { assignNotes, createCluster } from '../../src/lib/domain/board/clusters.ts';
import { buildReport, ReportNotFound } from '../../server/report/build.ts';
import { reportPdf } from '../../server/report/pdf.ts';
import { reportMarkdown, roadmapMarkdown } from '../../server/report/markdown.ts';
import { CSV_COLUMNS, decisionsCsv, notesCsv, roadmapCsv, tablesCsv, votesCsv } from '../../server/report/csv.ts';
import { createTable, replaceSeating, setContribution, updateTable } from '../../server/db/repositories/tables.ts';
import { tableSectionId } from '../../src/lib/domain/tables/areas.ts';
import { plenaryNoteId, plenarySectionId } from '../../src/lib/domain/tables/plenary.ts';
import { REPORT_SCHEMA_VERSION, type Report } from '../../src/lib/domain/report/report.ts';
import { SAMPLE_DECISIONS } from '../helpers/report-sample.ts';
import { engines, useDatabase } from '../helpers/databases.ts';
import { aFacilitator, aWorkshop } from './fixtures.ts';

/** The PDF's text as poppler extracts it (pdf.js when poppler is absent), white space collapsed. */
async function pdfText(pdf: Uint8Array): Promise<string> {
	if (existsSync('/usr/bin/pdftotext')) {
		const file = join(mkdtempSync(join(tmpdir(), 'report-')), 'report.pdf');
		writeFileSync(file, pdf);
		return execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
	}
	const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
	const doc = await pdfjs.getDocument({ data: pdf.slice() }).promise;
	const parts: string[] = [];
	for (let i = 1; i <= doc.numPages; i++) {
		const content = await (await doc.getPage(i)).getTextContent();
		parts.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' '));
	}
	return parts.join(' ').replace(/\s+/g, ' ');
}

const rows = (text: string) => parse(text, { bom: true, columns: true }) as Record<string, string>[];
const PARTICIPANT_NAMES = ['Zoé Participante', 'Олег Тайный'];

describe.each(engines())('%s report', (engine) => {
	const db = useDatabase(engine);

	async function aWorkshopWithEverything(): Promise<string> {
		const facilitator = await aFacilitator(db(), 'Jérôme');
		const w = await aWorkshop(db(), facilitator.id);
		await updateJoinSettings(db(), w.id, { askGender: true, expectedPanel: { categories: { usager: 3, agent: 2 } } });
		await createParticipant(db(), { workshopId: w.id, displayName: PARTICIPANT_NAMES[0], category: 'usager', gender: 'woman' });
		await createParticipant(db(), { workshopId: w.id, displayName: PARTICIPANT_NAMES[1], category: 'agent' });
		await db().transaction(async (tx) => {
			await saveOwners(tx, w.id, [{ id: 'o1', name: 'Надежда Петрова', email: 'nadejda@example.fr', organisation: 'Mairie de Strasbourg' }]);
			for (const d of SAMPLE_DECISIONS) await saveDecision(tx, w.id, d, facilitator.id);
			await saveAgenda(tx, w.id, [
				{ id: 'idees', type: 'ideation', title: 'Idées', minutes: 10, instructions: '', settings: {} },
				{ id: 'vote', type: 'vote', title: 'Le vote', minutes: 10, instructions: '', settings: {} }
			]);
			await markPhaseTimes(tx, w.id, { ended: null, started: 'idees', now: new Date('2026-02-12T09:00:00Z') });
			await lockVotePhase(tx, w.id, 'vote');
			await writeVotes(tx, w.id, 'vote', [{ voterId: 'p1', category: 'usager', itemId: 'c1', dots: 2 }]);
		});
		await revealVotes(db(), w.id, 'vote');
		// The board as a running room stores it: Yjs updates in the log.
		const doc = new Y.Doc();
		const base = { x: 0, y: 0, color: 'yellow' as const, authorId: 'p1', authorCategory: 'usager' as const, createdAt: 1, updatedAt: 1 };
		insertNote(doc, { ...base, id: 'n1', text: 'Des horaires « le soir » après 18 h' });
		insertNote(doc, { ...base, id: 'n2', text: 'Un numéro unique', createdAt: 2 });
		createCluster(doc, { id: 'c1', label: 'L’accueil', now: 3 });
		assignNotes(doc, ['n1'], 'c1', 4);
		await appendUpdate(db(), w.id, Y.encodeStateAsUpdate(doc));
		return w.id;
	}

	test('every format carries the decisions intact and no participant’s name', async () => {
		const id = await aWorkshopWithEverything();
		const report = await buildReport(db(), id, 'fr', new Date('2026-03-01T12:00:00Z'));

		expect(report.workshop.date).toBe('2026-02-12');
		expect(report.workshop.facilitators).toEqual(['Jérôme']);
		expect(report.participation.byCategory).toEqual([
			{ group: 'agent', count: 1, expected: 2 },
			{ group: 'usager', count: 1, expected: 3 }
		]);
		expect(report.participation.byGender?.groups.find((g) => g.group === 'woman')?.count).toBe(1);
		expect(report.clusters).toEqual([{ id: 'c1', label: 'L’accueil', notes: [{ id: 'n1', text: 'Des horaires « le soir » après 18 h', category: 'usager', origin: null }] }]);
		expect(report.votes[0].items[0]).toMatchObject({ itemId: 'c1', label: 'L’accueil', total: 2 });

		const pdf = await reportPdf(report, 'fr');
		const text = await pdfText(pdf);
		for (const d of SAMPLE_DECISIONS) expect(text).toContain(d.title);
		expect(text).toContain('12 000 €');
		expect(text).toContain('Надежда Петрова');
		const roadmapText = await pdfText(await reportPdf(report, 'fr', 'roadmap'));
		expect(roadmapText).toContain('Service état civil');
		expect(roadmapText).toContain('Créer un guichet « tout-en-un » à l’accueil');

		const decisions = rows(decisionsCsv(report));
		expect(Object.keys(decisions[0])).toEqual([...CSV_COLUMNS.decisions]);
		expect(decisions.map((d) => d.title)).toEqual(SAMPLE_DECISIONS.map((d) => d.title));
		const votes = rows(votesCsv(report));
		expect(Object.keys(votes[0])).toEqual([...CSV_COLUMNS.votes]);
		expect(votes).toEqual([expect.objectContaining({ item_label: 'L’accueil', category: 'usager', dots: '2' })]);
		const notes = rows(notesCsv(report));
		expect(Object.keys(notes[0])).toEqual([...CSV_COLUMNS.notes]);
		expect(notes.map((n) => [n.text, n.cluster_label])).toEqual([
			['Des horaires « le soir » après 18 h', 'L’accueil'],
			['Un numéro unique', '']
		]);

		const json = JSON.parse(JSON.stringify(report)) as Report;
		expect(json.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
		expect(json.decisions.map((d) => d.title)).toEqual(SAMPLE_DECISIONS.map((d) => d.title));

		const everything = [JSON.stringify(report), reportMarkdown(report), roadmapMarkdown(report), decisionsCsv(report), votesCsv(report), notesCsv(report), roadmapCsv(report), text, roadmapText];
		for (const format of everything) {
			for (const name of PARTICIPANT_NAMES) expect(format).not.toContain(name);
			expect(format).not.toContain('nadejda@example.fr');
		}
	});

	test('by tables: the notes CSV names each note’s table and each plenary copy’s table of origin; the tables CSV counts members by collège, never names, with the reporter’s picks', async () => {
		const w = await aWorkshop(db());
		const people: { id: string }[] = [];
		for (const [i, category] of (['usager', 'agent', 'elu', 'usager'] as const).entries())
			people.push(await createParticipant(db(), { workshopId: w.id, displayName: `${PARTICIPANT_NAMES[i % 2]} ${i}`, category }));
		await db().transaction(async (tx) => {
			await createTable(tx, w.id, { id: 't-a', name: 'Table A', instructions: '' });
			await createTable(tx, w.id, { id: 't-b', name: '=Table "B", numérique', instructions: '' });
			await replaceSeating(tx, w.id, { 't-a': [people[0].id, people[1].id, people[2].id], 't-b': [people[3].id] });
			await setContribution(tx, w.id, 't-a', 'a1', true);
		});
		const doc = new Y.Doc();
		const base = { x: 0, y: 0, color: 'yellow' as const, authorId: 'p1', authorCategory: 'usager' as const, updatedAt: 1 };
		insertNote(doc, { ...base, id: 'a1', text: 'Un accueil, sans « rendez-vous »', sectionId: tableSectionId('t-a'), createdAt: 1 });
		insertNote(doc, { ...base, id: 'b1', text: 'Le site en FALC', authorCategory: 'agent', sectionId: tableSectionId('t-b'), createdAt: 2 });
		insertNote(doc, { ...base, id: 'free', text: '=HYPERLINK("https://exemple.fr";"Hors des tables")', createdAt: 3 });
		// The plenary's copy of A's pick, gathered while the table had its first name.
		insertNote(doc, { ...base, id: plenaryNoteId('a1'), text: 'Un accueil, sans « rendez-vous »', sectionId: plenarySectionId('pleniere'), fromTable: { tableId: 't-a', name: 'Table A', noteId: 'a1' }, createdAt: 4 });
		await appendUpdate(db(), w.id, Y.encodeStateAsUpdate(doc));
		// Renamed since: every column names the table as it is now.
		await updateTable(db(), w.id, 't-a', { name: 'Table A — Accueil', instructions: '' });

		const report = await buildReport(db(), w.id, 'fr');
		const notes = rows(notesCsv(report));
		expect(Object.keys(notes[0])).toEqual([...CSV_COLUMNS.notes]);
		expect(notes.map((n) => [n.note_id, n.table, n.from_table])).toEqual([
			['a1', 'Table A — Accueil', ''],
			// A leading = (or + - @) is escaped: a note or a table name never becomes a spreadsheet formula.
			['b1', `'=Table "B", numérique`, ''],
			['free', '', ''],
			[plenaryNoteId('a1'), '', 'Table A — Accueil']
		]);
		expect(notes.find((n) => n.note_id === 'free')?.text).toBe(`'=HYPERLINK("https://exemple.fr";"Hors des tables")`);

		const tablesText = tablesCsv(report);
		expect(tablesText.startsWith('\ufeff')).toBe(true);
		const tables = rows(tablesText);
		expect(Object.keys(tables[0])).toEqual([...CSV_COLUMNS.tables]);
		expect(tables).toEqual([
			{ table_position: '1', table: 'Table A — Accueil', members: '3', members_agent: '1', members_usager: '1', members_elu: '1', members_expert: '0', members_autre: '0', contribution_position: '1', note_id: 'a1', text: 'Un accueil, sans « rendez-vous »', category: 'usager' },
			{ table_position: '2', table: `'=Table "B", numérique`, members: '1', members_agent: '0', members_usager: '1', members_elu: '0', members_expert: '0', members_autre: '0', contribution_position: '', note_id: '', text: '', category: '' }
		]);
		for (const format of [tablesText, notesCsv(report)]) for (const name of PARTICIPANT_NAMES) expect(format).not.toContain(name);

		// Without a table plan: the same columns, empty.
		const plain = await buildReport(db(), await aWorkshopWithEverything(), 'fr');
		expect(rows(notesCsv(plain)).every((n) => n.table === '' && n.from_table === '')).toBe(true);
		expect(tablesCsv(plain)).toBe('\ufeff' + CSV_COLUMNS.tables.join(',') + '\r\n');
	});

	test('a vote not revealed stays out of the report; an unknown workshop is refused', async () => {
		const w = await aWorkshop(db());
		await db().transaction(async (tx) => {
			await saveAgenda(tx, w.id, [{ id: 'vote', type: 'vote', title: 'Secret', minutes: 10, instructions: '', settings: {} }]);
			await writeVotes(tx, w.id, 'vote', [{ voterId: 'p1', category: 'usager', itemId: 'x', dots: 1 }]);
		});
		const report = await buildReport(db(), w.id, 'en');
		expect(report.votes).toEqual([]);
		expect(report.locale).toBe('en');
		await expect(buildReport(db(), 'nosuchworkshop00', 'fr')).rejects.toBeInstanceOf(ReportNotFound);
	});
});
