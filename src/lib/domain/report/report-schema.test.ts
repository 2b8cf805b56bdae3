import { describe, expect, test } from 'vitest';
import { assembleReport, earlierSession } from './report.ts';
import { parseReportFile, REPORT_FILE_BYTES_MAX } from './report-schema.ts';
import { SAMPLE_BOARD, sampleInput } from '../../../../test/helpers/report-sample.ts';

describe('a report file coming back', () => {
	const report = assembleReport(sampleInput());

	test('a report as exported reads back identical', () => {
		const parsed = parseReportFile(JSON.stringify(report));
		expect(parsed).toEqual({ ok: true, report: JSON.parse(JSON.stringify(report)) });
	});

	test('a report with earlier sessions reads back identical; a version 1 file, made before them, reads as having none', () => {
		const later = assembleReport(sampleInput({ earlierSessions: [earlierSession(report, 'agents')] }));
		expect(parseReportFile(JSON.stringify(later))).toEqual({ ok: true, report: JSON.parse(JSON.stringify(later)) });
		const { earlierSessions: _, ...v1 } = { ...report, schemaVersion: 1 };
		expect(parseReportFile(JSON.stringify(v1))).toEqual({ ok: true, report: { ...JSON.parse(JSON.stringify(v1)), earlierSessions: [] } });
	});

	test("a report by tables reads back identical, each note's table and plenary origin kept", () => {
		const [n2, n1, ...rest] = SAMPLE_BOARD.notes;
		const board = { ...SAMPLE_BOARD, notes: [{ ...n2, sectionId: 'table-t1' }, { ...n1, fromTable: { tableId: 't1', name: 'Table 1', noteId: 'n2' } }, ...rest] };
		const byTables = assembleReport(sampleInput({ board, tables: [{ id: 't1', name: 'Table 1', memberCategories: ['agent'], picks: ['n2'] }] }));
		expect(JSON.stringify(byTables)).toMatch(/"fromTable":"Table 1"/);
		expect(parseReportFile(JSON.stringify(byTables))).toEqual({ ok: true, report: JSON.parse(JSON.stringify(byTables)) });
	});

	test('anything else is refused with where it went wrong', () => {
		expect(parseReportFile('{ pas du json')).toEqual({ ok: false, problems: ['not JSON'] });
		expect(parseReportFile(JSON.stringify({ ...report, schemaVersion: 3 }))).toMatchObject({ ok: false, problems: [expect.stringContaining('schemaVersion')] });
		expect(parseReportFile(JSON.stringify({ ...report, extra: '<script>' }))).toMatchObject({ ok: false });
		const badDecision = { ...report, decisions: [{ ...report.decisions[0], status: 'maybe' }] };
		expect(parseReportFile(JSON.stringify(badDecision))).toMatchObject({ ok: false, problems: [expect.stringContaining('decisions.0.status')] });
		expect(parseReportFile(' '.repeat(REPORT_FILE_BYTES_MAX + 1))).toMatchObject({ ok: false });
	});
});
