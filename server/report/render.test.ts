import { describe, expect, test } from 'vitest';
import { parse } from 'csv-parse/sync';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleReport } from '../../src/lib/domain/report/report.ts';
import { SAMPLE_BOARD, sampleInput } from '../../test/helpers/report-sample.ts';
import { CSV_COLUMNS, decisionsCsv, notesCsv, roadmapCsv, tablesCsv, votesCsv } from './csv.ts';
import { mdText, reportMarkdown, roadmapMarkdown } from './markdown.ts';
import { reportPdf } from './pdf.ts';
import { reportFileBase } from './labels.ts';

const report = assembleReport(sampleInput());
const rows = (text: string) => parse(text, { bom: true, columns: true }) as Record<string, string>[];

describe('Markdown', () => {
	const md = reportMarkdown(report);

	test('has every section in French, decisions with their dates, origin of carried notes', () => {
		expect(md).toMatch(/^# Compte rendu – Accueil « ville » — été/);
		for (const h of ['## Contexte', '## Participation', '## Personas', '## Idées par regroupement', '## Positionnements', '## Résultats des votes', '## Priorités sur la matrice', '## Décisions et engagements'])
			expect(md).toContain(h);
		expect(md).toContain('Créer un guichet « tout-en-un » à l’accueil — Budget prévu : 12 000 € ; ouverture à l’été.');
		expect(md).toContain('30 juin 2026');
		expect(md).toContain('reprise de « Séance agents » (agents)');
		expect(md).toContain('Надежда Петрова (Mairie)');
		expect(md).toContain('- Lieu\u00a0: Maison de quartier, salle 2');
	});

	test('text from the room cannot become markup or break a table', () => {
		expect(md).toContain('Rappeler sous 48 h \\| sans « répondeur »');
		expect(md).toContain('Dossier \\# perdu');
		expect(mdText('*a* [b](c) <i>')).toBe('\\*a\\* \\[b\\](c) \\<i\\>');
	});

	test("each table's contribution when the workshop worked by tables (none otherwise)", () => {
		expect(md).not.toContain('## Apports des tables');
		const tables = reportMarkdown(
			assembleReport(sampleInput({ tables: [{ id: 't1', name: 'Table 1 — Accueil', memberCategories: ['usager', 'agent'], picks: ['n2'] }, { id: 't2', name: 'Table 2', memberCategories: [], picks: [] }] }))
		);
		expect(tables).toContain('## Apports des tables\n\n### Table 1 — Accueil\n\nÀ cette table\u00a0: 1 Agent public, 1 Usager·ère\n\n- Horaires du soir — Agent public\n');
		expect(tables).toContain('### Table 2\n\nÀ cette table\u00a0: —\n\nAucun apport choisi par cette table.');
	});

	test('in English when the workshop runs in English', () => {
		const en = reportMarkdown(assembleReport(sampleInput({ locale: 'en' })));
		expect(en).toContain('## Decisions and commitments');
		expect(en).toContain('June 30, 2026');
	});

	test('the roadmap groups by service, unassigned last, dropped left out', () => {
		const road = roadmapMarkdown(report);
		expect(road.indexOf('## Service état civil')).toBeLessThan(road.indexOf('## Responsable à désigner'));
		expect(road).not.toContain('Abandonnée');
	});
});

describe('CSV', () => {
	test('decisions: documented columns, UTF-8 with a BOM, commits as codes', () => {
		const text = decisionsCsv(report);
		expect(text.startsWith('\ufeff')).toBe(true);
		const r = rows(text);
		expect(Object.keys(r[0])).toEqual([...CSV_COLUMNS.decisions]);
		expect(r[0]).toMatchObject({ position: '1', title: 'Créer un guichet « tout-en-un » à l’accueil', commits: 'agent;owner', due_date: '2026-06-30', answer_by: '2026-03-15', status: 'confirmed' });
		expect(r[1].title).toBe('Rappeler sous 48 h | sans « répondeur »');
		expect(r).toHaveLength(4);
	});

	test('votes: one row per item × collège', () => {
		const r = rows(votesCsv(report));
		expect(Object.keys(r[0])).toEqual([...CSV_COLUMNS.votes]);
		expect(r).toHaveLength(4);
		expect(r.find((x) => x.item_id === 'c1' && x.category === 'usager')).toMatchObject({ item_label: 'Accueil', dots: '3', item_total: '3' });
	});

	test('notes: with their cluster, or none, and their origin', () => {
		const r = rows(notesCsv(report));
		expect(Object.keys(r[0])).toEqual([...CSV_COLUMNS.notes]);
		expect(r.map((x) => [x.text, x.cluster_label, x.origin_session])).toEqual([
			['Un seul numéro', 'Accueil', ''],
			['Horaires du soir', 'Accueil', ''],
			['Dossier # perdu', '', 'agents'],
			['Orphan', '', '']
		]);
	});

	test('notes and tables by table: a table name with a comma, quotes and a line break stays one cell', () => {
		const name = 'Table "Accueil", étage 1\nsalle B';
		const byTables = assembleReport(
			sampleInput({
				board: { ...SAMPLE_BOARD, notes: SAMPLE_BOARD.notes.map((n) => (n.id === 'n2' ? { ...n, sectionId: 'table-t1' } : n)) },
				tables: [{ id: 't1', name, memberCategories: ['usager', 'agent', 'usager'], picks: ['n2'] }]
			})
		);
		expect(rows(notesCsv(byTables)).map((x) => [x.note_id, x.table, x.from_table])).toEqual([
			['n1', '', ''],
			['n2', name, ''],
			['n3', '', ''],
			['n4', '', '']
		]);
		const text = tablesCsv(byTables);
		expect(text.startsWith('\ufeff')).toBe(true);
		const r = rows(text);
		expect(Object.keys(r[0])).toEqual([...CSV_COLUMNS.tables]);
		expect(r).toEqual([expect.objectContaining({ table: name, members: '3', members_usager: '2', members_agent: '1', members_elu: '0', note_id: 'n2', text: 'Horaires du soir', category: 'agent' })]);
	});

	test('roadmap: the service first on every row', () => {
		const r = rows(roadmapCsv(report));
		expect(Object.keys(r[0])).toEqual([...CSV_COLUMNS.roadmap]);
		expect(r.map((x) => [x.responsible, x.id])).toEqual([
			['Service état civil', 'd2'],
			['Service état civil', 'd1'],
			['', 'd3']
		]);
	});
});

describe('PDF', () => {
	test('is a PDF whose text, extracted, has the decisions with accents, « » and €', async () => {
		const pdf = await reportPdf(report, 'fr');
		expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
		if (!existsSync('/usr/bin/pdftotext')) return;
		const file = join(mkdtempSync(join(tmpdir(), 'report-')), 'r.pdf');
		writeFileSync(file, pdf);
		const text = execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
		for (const d of report.decisions) expect(text).toContain(d.title);
		expect(text).toContain('12 000 €');
		expect(text).toContain('Надежда Петрова');
	});

	test('file names are ASCII slugs with the date', () => {
		expect(reportFileBase(report, 'report')).toBe('accueil-ville-ete-2026-02-12');
		expect(reportFileBase(report, 'roadmap')).toBe('accueil-ville-ete-2026-02-12-roadmap');
	});
});
