/**
 * Agglomerative clustering with average linkage (UPGMA) on a similarity matrix, stopped when
 * no two groups are similar enough on average. Average linkage neither chains unrelated notes
 * through one shared word (as single linkage does) nor refuses a theme written in varied words
 * (as complete linkage does).
 *
 * Deterministic: ties go to the lowest indices, so callers that order their items (by id)
 * get the same groups every time. Each row caches its best partner, so a merge costs O(n) in
 * the usual case; 500 notes take a few milliseconds.
 */

/**
 * Groups of item indices (each sorted, ascending by first index), singletons included.
 * `sim` is the n×n symmetric matrix, row-major; it is used as working memory and changed.
 */
export function averageLinkage(n: number, sim: Float64Array, threshold: number): number[][] {
	const alive = new Uint8Array(n).fill(1);
	const size = new Float64Array(n).fill(1);
	const members: number[][] = Array.from({ length: n }, (_, i) => [i]);
	const best = new Int32Array(n).fill(-1);
	const bestSim = new Float64Array(n).fill(-Infinity);

	const refresh = (i: number) => {
		let b = -1;
		let bs = -Infinity;
		for (let k = 0; k < n; k++) {
			if (k === i || !alive[k]) continue;
			const s = sim[i * n + k];
			if (s > bs) [b, bs] = [k, s];
		}
		best[i] = b;
		bestSim[i] = bs;
	};
	for (let i = 0; i < n; i++) refresh(i);

	for (;;) {
		let a = -1;
		for (let i = 0; i < n; i++) if (alive[i] && best[i] >= 0 && (a < 0 || bestSim[i] > bestSim[a])) a = i;
		if (a < 0 || bestSim[a] < threshold) break;
		let b = best[a];
		if (b < a) [a, b] = [b, a];

		// Lance–Williams update: the merged group's average similarity to every other group.
		for (let k = 0; k < n; k++) {
			if (!alive[k] || k === a || k === b) continue;
			const s = (size[a] * sim[a * n + k] + size[b] * sim[b * n + k]) / (size[a] + size[b]);
			sim[a * n + k] = s;
			sim[k * n + a] = s;
		}
		alive[b] = 0;
		size[a] += size[b];
		members[a] = members[a].concat(members[b]).sort((x, y) => x - y);
		members[b] = [];

		refresh(a);
		for (let k = 0; k < n; k++) {
			if (!alive[k] || k === a) continue;
			if (best[k] === a || best[k] === b) refresh(k);
			else {
				const s = sim[k * n + a];
				if (s > bestSim[k] || (s === bestSim[k] && a < best[k])) [best[k], bestSim[k]] = [a, s];
			}
		}
	}
	return members.filter((m, i) => alive[i] && m.length > 0);
}
