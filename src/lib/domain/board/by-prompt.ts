import type { Note } from './notes.ts';
import type { Category } from '../workshop/categories.ts';

/** How a note's collège is marked on screens: a stripe colour (never the only cue: a short label goes with it). */
export const COLLEGE_COLOURS: Record<Category | 'facilitator', string> = {
	agent: '#000091',
	usager: '#18753c',
	elu: '#ce0500',
	expert: '#6e445a',
	autre: '#53657d',
	facilitator: '#3a3a3a'
};

export interface NoteFilter {
	/** Only this collège's notes (absent: every collège). */
	college?: Category | 'facilitator';
	/** Only notes under this prompt; '' for notes under none (absent: every prompt). */
	prompt?: string;
}

export interface PromptGroup {
	/** The prompt's text, or null for notes written under none. */
	prompt: string | null;
	notes: Note[];
}

/** Whether a note is kept by the filter (the same rule for the grouped list and the canvas). */
export function matchesFilter(note: Pick<Note, 'authorCategory' | 'prompt'>, filter: NoteFilter): boolean {
	return (!filter.college || note.authorCategory === filter.college) && (filter.prompt === undefined || (note.prompt ?? '') === filter.prompt);
}

/** Whether a filter keeps only some notes (the canvas then fades the others). */
export function isFiltering(filter: NoteFilter): boolean {
	return !!filter.college || filter.prompt !== undefined;
}

/**
 * Notes grouped under their prompts: the phase's prompts first in their order (even empty, so
 * the crash-test's grid keeps its shape), then prompts only older notes carry, then notes under
 * none (only when there are some). The filter keeps one collège and/or one prompt.
 */
export function groupByPrompt(notes: readonly Note[], prompts: readonly string[], filter: NoteFilter = {}): PromptGroup[] {
	const kept = notes.filter((n) => matchesFilter(n, filter));
	const order = [...prompts];
	for (const n of notes) if (n.prompt && !order.includes(n.prompt)) order.push(n.prompt);
	const groups: PromptGroup[] = order
		.filter((p) => filter.prompt === undefined || p === filter.prompt)
		.map((p) => ({ prompt: p, notes: kept.filter((n) => n.prompt === p) }));
	const loose = kept.filter((n) => !n.prompt);
	if (loose.length > 0) groups.push({ prompt: null, notes: loose });
	return groups;
}

/** Every prompt the notes or the phase carry, in the order groupByPrompt shows them. */
export function promptsOf(notes: readonly Note[], prompts: readonly string[]): string[] {
	return groupByPrompt(notes, prompts).flatMap((g) => (g.prompt === null ? [] : [g.prompt]));
}
