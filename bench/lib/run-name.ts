/**
 * The name of a run's files: `<stem>-<n>`, n one more than the highest run of that stem among
 * `files` (a results folder's names; an old `<stem>.json` counts as run 1), so runs of the same
 * day sit side by side.
 */
export function runName(files: readonly string[], stem: string): string {
	const escaped = stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const run = new RegExp(`^${escaped}(?:-(\\d+))?\\.json$`);
	const taken = files.map((f) => run.exec(f)).filter((m) => m !== null).map((m) => Number(m[1] ?? 1));
	return `${stem}-${Math.max(0, ...taken) + 1}`;
}
