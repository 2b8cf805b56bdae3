import { describe, expect, test } from 'vitest';
import { assembleReport } from './report.ts';
import { parseReportFile, REPORT_FILE_BYTES_MAX } from './report-schema.ts';
import { sampleInput } from '../../../../test/helpers/report-sample.ts';

describe('a report file coming back', () => {
	const report = assembleReport(sampleInput());

	test('a report as exported reads back identical', () => {
		const parsed = parseReportFile(JSON.stringify(report));
		expect(parsed).toEqual({ ok: true, report: JSON.parse(JSON.stringify(report)) });
	});

	test('anything else is refused with where it went wrong', () => {
		expect(parseReportFile('{ pas du json')).toEqual({ ok: false, problems: ['not JSON'] });
		expect(parseReportFile(JSON.stringify({ ...report, schemaVersion: 2 }))).toMatchObject({ ok: false, problems: [expect.stringContaining('schemaVersion')] });
		expect(parseReportFile(JSON.stringify({ ...report, extra: '<script>' }))).toMatchObject({ ok: false });
		const badDecision = { ...report, decisions: [{ ...report.decisions[0], status: 'maybe' }] };
		expect(parseReportFile(JSON.stringify(badDecision))).toMatchObject({ ok: false, problems: [expect.stringContaining('decisions.0.status')] });
		expect(parseReportFile(' '.repeat(REPORT_FILE_BYTES_MAX + 1))).toMatchObject({ ok: false });
	});
});
