/**
 * How far two groupings of the same items agree, beyond chance: the adjusted Rand index
 * (Hubert & Arabie, 1985). 1 is the same grouping, about 0 is what random groupings of the
 * same sizes would score, below 0 worse than chance. Used to measure suggested clusters
 * against the groups a facilitator made.
 */

/**
 * Each item's group key, for every id in `ids`: ids in no group become groups of their own
 * (a note left alone is a group of one, for both the suggestion and the expected answer).
 */
export function groupLabels(groups: readonly { noteIds: readonly string[] }[], ids: readonly string[]): string[] {
	const of = new Map<string, string>();
	groups.forEach((g, i) => g.noteIds.forEach((id) => of.set(id, `g${i}`)));
	return ids.map((id) => of.get(id) ?? `alone:${id}`);
}

const pairs = (n: number) => (n * (n - 1)) / 2;

/** Adjusted Rand index of two labelings of the same items (`a[i]` and `b[i]` label item i). */
export function adjustedRandIndex(a: readonly string[], b: readonly string[]): number {
	if (a.length !== b.length) throw new RangeError('both labelings must cover the same items');
	const n = a.length;
	if (n < 2) return 1;
	const cells = new Map<string, number>();
	const rows = new Map<string, number>();
	const cols = new Map<string, number>();
	for (let i = 0; i < n; i++) {
		const key = JSON.stringify([a[i], b[i]]);
		cells.set(key, (cells.get(key) ?? 0) + 1);
		rows.set(a[i], (rows.get(a[i]) ?? 0) + 1);
		cols.set(b[i], (cols.get(b[i]) ?? 0) + 1);
	}
	const sum = (m: Map<string, number>) => [...m.values()].reduce((s, c) => s + pairs(c), 0);
	const index = sum(cells);
	const [sa, sb] = [sum(rows), sum(cols)];
	const expected = (sa * sb) / pairs(n);
	const max = (sa + sb) / 2;
	// Both all-singletons or both one block: nothing to adjust for; they agree or they don't.
	if (max === expected) return index === expected ? 1 : 0;
	return (index - expected) / (max - expected);
}
