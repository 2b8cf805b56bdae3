/**
 * The smallest set of changes that turns one short text into another (a persona field holds
 * at most a few hundred characters), so a save touches only what the person changed and
 * merges with what others changed elsewhere in the same field. Changes are cut between code
 * points, never inside a surrogate pair; offsets are in UTF-16 units, as Y.Text counts them.
 */
export interface TextChange {
	/** Where the change starts in the old text (UTF-16 offset). */
	at: number;
	/** How many UTF-16 units of the old text it removes from `at`. */
	remove: number;
	insert: string;
}

const units = (points: readonly string[], from: number, to: number): number => {
	let n = 0;
	for (let i = from; i < to; i++) n += points[i].length;
	return n;
};

/**
 * The changes from `before` to `after`, in order (each `at` refers to `before`): a common
 * prefix and suffix are kept whole, and the middle is compared character by character (a
 * longest common subsequence), so typing at the start and at the end of a text gives two
 * small changes instead of one that rewrites everything between.
 */
export function textChanges(before: string, after: string): TextChange[] {
	const a = [...before];
	const b = [...after];
	let start = 0;
	while (start < a.length && start < b.length && a[start] === b[start]) start++;
	let endA = a.length;
	let endB = b.length;
	while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
		endA--;
		endB--;
	}
	const n = endA - start;
	const m = endB - start;
	if (n === 0 && m === 0) return [];
	// lcs[i][j]: the longest common subsequence of a[start+i..endA) and b[start+j..endB).
	const width = m + 1;
	const lcs = new Uint16Array((n + 1) * width);
	for (let i = n - 1; i >= 0; i--)
		for (let j = m - 1; j >= 0; j--)
			lcs[i * width + j] = a[start + i] === b[start + j] ? lcs[(i + 1) * width + j + 1] + 1 : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);

	const out: TextChange[] = [];
	let offset = units(a, 0, start);
	let current: TextChange | null = null;
	const flush = () => {
		if (current) out.push(current);
		current = null;
	};
	let i = 0;
	let j = 0;
	while (i < n || j < m) {
		if (i < n && j < m && a[start + i] === b[start + j]) {
			flush();
			offset += a[start + i].length;
			i++;
			j++;
		} else if (j < m && (i === n || lcs[i * width + j + 1] >= lcs[(i + 1) * width + j])) {
			current ??= { at: offset, remove: 0, insert: '' };
			current.insert += b[start + j];
			j++;
		} else {
			current ??= { at: offset, remove: 0, insert: '' };
			current.remove += a[start + i].length;
			offset += a[start + i].length;
			i++;
		}
	}
	flush();
	return out;
}

/** Applies changes made by {@link textChanges} to the text they were computed from. */
export function applyChanges(before: string, changes: readonly TextChange[]): string {
	let out = '';
	let at = 0;
	for (const c of changes) {
		out += before.slice(at, c.at) + c.insert;
		at = c.at + c.remove;
	}
	return out + before.slice(at);
}
