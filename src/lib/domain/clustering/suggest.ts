import { foldAccents, stem as frenchStem, terms, type Term } from './french-text.ts';
import { cosineMatrix, tfidfVectors } from './vectors.ts';
import { averageLinkage } from './average-linkage.ts';
import { themeIndex, themesOf } from './themes.ts';
import { THEME_TITLES } from './lexicon.ts';

export interface NoteText {
	id: string;
	text: string;
}

/** A proposed cluster: a short label made of its most telling words, and its notes (by id). */
export interface SuggestedCluster {
	label: string;
	noteIds: string[];
}

export interface SuggestOptions {
	/** Least average similarity (cosine, 0–1) for two groups to merge. */
	threshold?: number;
	/** Most words in a label. */
	labelTerms?: number;
	/** Share of the similarity that comes from the themes lexicon (0: words only). */
	themeWeight?: number;
}

/**
 * Chosen on the accueil-mairie fixture, in the middle of a plateau (0.15–0.3 score within
 * 0.03 of each other): lower merges themes through one shared word, higher leaves themes in pieces.
 */
export const DEFAULT_THRESHOLD = 0.2;
/** Words and themes count alike: words tell notes of one theme apart, themes join notes without a common word. */
export const DEFAULT_THEME_WEIGHT = 0.5;
/** A word pair counts less than a word: it repeats what its two words already say. */
const PAIR_WEIGHT = 0.5;

/**
 * Proposes clusters of notes by the similarity of their French text: TF-IDF cosine of their
 * stems and adjacent stem pairs, blended with the cosine of the reception themes they touch
 * (lexicon.ts), then average linkage. Only groups of two or more are
 * returned; the other notes stay unclustered. The same notes give the same groups in any input
 * order: notes are taken by id, and every tie goes to the lowest id. Nothing leaves the process.
 */
export function suggestClusters(notes: readonly NoteText[], opts: SuggestOptions = {}): SuggestedCluster[] {
	const sorted = uniqueById(notes);
	if (sorted.length < 2) return [];
	const stemOf = memoized(frenchStem);
	const analyzed = sorted.map((n) => terms(n.text, stemOf));
	const sim = cosineMatrix(tfidfVectors(analyzed.map(wordFeatures)));
	const lambda = opts.themeWeight ?? DEFAULT_THEME_WEIGHT;
	const index = themeIndex(stemOf);
	const themes = analyzed.map((ts) => themesOf(new Set(ts.map((t) => t.stem)), index));
	if (lambda > 0) {
		const onThemes = cosineMatrix(tfidfVectors(themes.map((names) => new Map(names.map((name) => [name, 1])))));
		for (let i = 0; i < sim.length; i++) sim[i] = (1 - lambda) * sim[i] + lambda * onThemes[i];
	}
	const groups = averageLinkage(sorted.length, sim, opts.threshold ?? DEFAULT_THRESHOLD).filter((g) => g.length >= 2);
	const df = documentFrequency(analyzed);
	const labelTerms = opts.labelTerms ?? 3;
	return groups
		.map((g) => ({
			label: labelOf(
				g.map((i) => ({ terms: analyzed[i], themes: lambda > 0 ? themes[i] : [] })),
				{ df, total: sorted.length, max: labelTerms, stemOf }
			),
			noteIds: g.map((i) => sorted[i].id)
		}))
		.sort((x, y) => y.noteIds.length - x.noteIds.length || cmp(x.noteIds[0], y.noteIds[0]));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Notes by id (code-unit order, the same on every machine); a repeated id is taken once. */
function uniqueById(notes: readonly NoteText[]): NoteText[] {
	const sorted = [...notes].sort((a, b) => cmp(a.id, b.id) || cmp(a.text, b.text));
	return sorted.filter((n, i) => i === 0 || n.id !== sorted[i - 1].id);
}

/** A cache per call: a board repeats its words, and nothing outlives the call. */
function memoized(fn: (w: string) => string): (w: string) => string {
	const seen = new Map<string, string>();
	return (w) => {
		let v = seen.get(w);
		if (v === undefined) seen.set(w, (v = fn(w)));
		return v;
	};
}

/** Each stem once (a note repeating a word is not more about it), and each adjacent pair. */
function wordFeatures(ts: readonly Term[]): Map<string, number> {
	const f = new Map<string, number>();
	ts.forEach((t, i) => {
		f.set(t.stem, 1);
		if (i > 0 && ts[i - 1].stem !== t.stem) f.set(`${ts[i - 1].stem} ${t.stem}`, PAIR_WEIGHT);
	});
	return f;
}

function documentFrequency(notes: readonly Term[][]): Map<string, number> {
	const df = new Map<string, number>();
	for (const ts of notes) for (const s of new Set(ts.map((t) => t.stem))) df.set(s, (df.get(s) ?? 0) + 1);
	return df;
}

/**
 * The group's most telling stems — found in several of its notes, rare elsewhere on the board —
 * each shown as the word most often written for it in the group (with its accents when
 * someone typed them), e.g. "Rendez-vous, créneau". A group that shares fewer than two words
 * but is mostly on one theme is named after the theme ("Téléphone, standard").
 */
function labelOf(
	group: readonly { terms: readonly Term[]; themes: readonly string[] }[],
	board: { df: ReadonlyMap<string, number>; total: number; max: number; stemOf: (w: string) => string }
): string {
	const inGroup = new Map<string, number>();
	const written = new Map<string, Map<string, number>>();
	for (const { terms: ts } of group) {
		for (const s of new Set(ts.map((t) => t.stem))) inGroup.set(s, (inGroup.get(s) ?? 0) + 1);
		for (const t of ts) {
			const forms = written.get(t.stem) ?? new Map<string, number>();
			forms.set(t.surface, (forms.get(t.surface) ?? 0) + 1);
			written.set(t.stem, forms);
		}
	}
	const score = (s: string) => inGroup.get(s)! * Math.log(1 + board.total / board.df.get(s)!);
	const ranked = [...inGroup.keys()].sort((a, b) => score(b) - score(a) || cmp(a, b));
	// Words of one note only say little about the group; they label it only when nothing else does.
	const shared = ranked.filter((s) => inGroup.get(s)! >= 2);
	const theme = shared.length < 2 ? dominantTheme(group.map((n) => n.themes)) : null;
	let parts: string[];
	if (theme) {
		const title = THEME_TITLES[theme as keyof typeof THEME_TITLES];
		const inTitle = new Set(terms(title, board.stemOf).map((t) => t.stem));
		parts = [title, ...shared.filter((s) => !inTitle.has(s)).map((s) => bestForm(written.get(s)!))].slice(0, board.max);
	} else parts = (shared.length > 0 ? shared : ranked.slice(0, 2)).slice(0, board.max).map((s) => bestForm(written.get(s)!));
	const label = parts.join(', ');
	return label.charAt(0).toLocaleUpperCase('fr') + label.slice(1);
}

/** The theme more than half of the group's notes touch (the most touched; ties by name), if any. */
function dominantTheme(themes: readonly (readonly string[])[]): string | null {
	const counts = new Map<string, number>();
	for (const names of themes) for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
	const [best] = [...counts].sort(([a, x], [b, y]) => y - x || cmp(a, b));
	return best && best[1] * 2 > themes.length ? best[0] : null;
}

/** The most written form; then the accented one; then the shortest (often the singular). */
function bestForm(forms: ReadonlyMap<string, number>): string {
	const accents = (w: string) => [...w].filter((c) => c !== foldAccents(c)).length;
	return [...forms].sort(([a, x], [b, y]) => y - x || accents(b) - accents(a) || a.length - b.length || cmp(a, b))[0][0];
}
