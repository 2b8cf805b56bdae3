import { readFileSync, writeFileSync } from 'node:fs';

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/**
 * Puts a full run's report between the markers of README.md's "Benchmark" section, so the
 * README's table is always one a real run printed. Returns false when the markers are missing.
 */
export function updateReadme(path: string, report: string): boolean {
	const text = readFileSync(path, 'utf8');
	const a = text.indexOf(START);
	const b = text.indexOf(END);
	if (a < 0 || b < a) return false;
	writeFileSync(path, `${text.slice(0, a + START.length)}\n${report}\n${text.slice(b)}`);
	return true;
}
