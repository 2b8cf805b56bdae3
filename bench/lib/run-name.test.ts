import { expect, test } from 'vitest';
import { runName } from './run-name.ts';

test('a second run the same day gets its own files; quick runs and other days are counted apart', () => {
	expect(runName([], '2026-11-28')).toBe('2026-11-28-1');
	// The single file an older bench wrote for that day counts as its first run.
	expect(runName(['2026-11-28.json', '2026-11-28.svg', 'latest.svg'], '2026-11-28')).toBe('2026-11-28-2');
	expect(runName(['2026-11-28-1.json', '2026-11-28-3.json', 'quick-2026-11-28-7.json', '2026-11-29-4.json'], '2026-11-28')).toBe('2026-11-28-4');
	expect(runName(['2026-11-28-2.json'], 'quick-2026-11-28')).toBe('quick-2026-11-28-1');
});
