import { describe, expect, test } from 'vitest';
import { groupByPrompt, isFiltering, matchesFilter, promptsOf } from './by-prompt.ts';
import type { Note } from './notes.ts';

const note = (id: string, authorCategory: Note['authorCategory'], prompt?: string): Note => ({
	id,
	text: id,
	x: 0,
	y: 0,
	color: 'yellow',
	authorId: '',
	authorCategory,
	createdAt: 0,
	updatedAt: 0,
	...(prompt ? { prompt } : {})
});
const PROMPTS = ['Fond : obstacles', 'Fond : leviers'];
const notes = [note('a', 'agent', PROMPTS[0]), note('b', 'usager', PROMPTS[1]), note('c', 'usager'), note('d', 'elu', 'Ancienne rubrique')];

describe('notes by prompt', () => {
	test('groups follow the phase’s prompts, then older prompts, then notes under none', () => {
		const groups = groupByPrompt(notes, PROMPTS);
		expect(groups.map((g) => [g.prompt, g.notes.map((n) => n.id)])).toEqual([
			['Fond : obstacles', ['a']],
			['Fond : leviers', ['b']],
			['Ancienne rubrique', ['d']],
			[null, ['c']]
		]);
		expect(promptsOf(notes, PROMPTS)).toEqual([...PROMPTS, 'Ancienne rubrique']);
	});

	test('an empty prompt keeps its place; a collège filter keeps only that collège’s notes', () => {
		expect(groupByPrompt([], PROMPTS).map((g) => g.notes.length)).toEqual([0, 0]);
		const usagers = groupByPrompt(notes, PROMPTS, { college: 'usager' });
		expect(usagers.flatMap((g) => g.notes).map((n) => n.id)).toEqual(['b', 'c']);
	});

	test('a prompt filter keeps one group; the empty prompt means notes under none', () => {
		expect(groupByPrompt(notes, PROMPTS, { prompt: PROMPTS[1] })).toEqual([{ prompt: PROMPTS[1], notes: [notes[1]] }]);
		expect(groupByPrompt(notes, PROMPTS, { prompt: '' })).toEqual([{ prompt: null, notes: [notes[2]] }]);
	});

	test('the canvas keeps the same notes as the grouped list, both filters at once', () => {
		const filter = { college: 'usager' as const, prompt: '' };
		expect(notes.filter((n) => matchesFilter(n, filter)).map((n) => n.id)).toEqual(['c']);
		expect(groupByPrompt(notes, PROMPTS, filter).flatMap((g) => g.notes.map((n) => n.id))).toEqual(['c']);
		expect(isFiltering({})).toBe(false);
		expect(isFiltering({ prompt: '' })).toBe(true);
		expect(notes.every((n) => matchesFilter(n, {}))).toBe(true);
	});
});
