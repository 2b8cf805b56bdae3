/**
 * Sparse TF-IDF vectors and their cosine similarities. A feature shared by many notes says
 * little about any of them ("mairie" on a mairie board), a rare one shared by two says a lot.
 */

/** A unit-length sparse vector: feature indices ascending, with their weights. */
export interface SparseVector {
	index: Int32Array;
	value: Float64Array;
}

/**
 * One vector per document from its features (feature → weight before IDF, e.g. 1 for a word,
 * less for a word pair). IDF is ln(1 + N/df): never zero, so two notes alone on a board that
 * share a word still look alike. A document with no feature gets an empty vector.
 */
export function tfidfVectors(docs: readonly ReadonlyMap<string, number>[]): SparseVector[] {
	const df = new Map<string, number>();
	for (const d of docs) for (const f of d.keys()) df.set(f, (df.get(f) ?? 0) + 1);
	// Feature numbers follow sorted feature names, so they do not depend on document order.
	const ids = new Map([...df.keys()].sort().map((f, i) => [f, i]));
	const n = docs.length;
	return docs.map((d) => {
		const entries = [...d].map(([f, w]) => [ids.get(f)!, w * Math.log(1 + n / df.get(f)!)] as const).sort((x, y) => x[0] - y[0]);
		const norm = Math.sqrt(entries.reduce((s, [, w]) => s + w * w, 0)) || 1;
		return { index: Int32Array.from(entries, ([i]) => i), value: Float64Array.from(entries, ([, w]) => w / norm) };
	});
}

/** The n×n cosine similarity matrix (row-major), computed through an inverted index. */
export function cosineMatrix(vectors: readonly SparseVector[]): Float64Array {
	const n = vectors.length;
	const sim = new Float64Array(n * n);
	const postings = new Map<number, { doc: number; w: number }[]>();
	vectors.forEach((v, doc) =>
		v.index.forEach((f, j) => {
			const list = postings.get(f);
			if (list) list.push({ doc, w: v.value[j] });
			else postings.set(f, [{ doc, w: v.value[j] }]);
		})
	);
	for (const list of postings.values())
		for (let x = 0; x < list.length; x++)
			for (let y = x + 1; y < list.length; y++) {
				const s = list[x].w * list[y].w;
				sim[list[x].doc * n + list[y].doc] += s;
				sim[list[y].doc * n + list[x].doc] += s;
			}
	return sim;
}
