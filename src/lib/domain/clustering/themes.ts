import { THEMES } from './lexicon.ts';
import { terms } from './french-text.ts';

/** A theme's entries as stems: a note is on the theme if it has every stem of one entry. */
export type ThemeIndex = ReadonlyMap<string, readonly (readonly string[])[]>;

/** The lexicon's themes, as stems made by `stemOf` (the caller's memoized stemmer). */
export function themeIndex(stemOf: (word: string) => string, themes: Record<string, readonly string[]> = THEMES): ThemeIndex {
	return new Map(Object.entries(themes).map(([name, entries]) => [name, entries.map((e) => terms(e, stemOf).map((t) => t.stem))]));
}

/** The themes a note's stems touch, by name. */
export function themesOf(stems: ReadonlySet<string>, index: ThemeIndex): string[] {
	const out: string[] = [];
	for (const [name, entries] of index) if (entries.some((e) => e.length > 0 && e.every((s) => stems.has(s)))) out.push(name);
	return out;
}
