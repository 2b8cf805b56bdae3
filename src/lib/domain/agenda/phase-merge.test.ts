import { describe, expect, test } from 'vitest';
import type { Phase } from './phase.ts';
import { mergePhaseEdit } from './phase-merge.ts';

const base: Phase = {
	id: 'p1',
	type: 'vote',
	title: 'Votons',
	minutes: 10,
	instructions: 'Placez vos gommettes.',
	facilitatorNote: '',
	settings: { dots: 5, maxDotsPerItem: 3 }
};

describe('mergePhaseEdit', () => {
	test('a form that changed only the instructions keeps the title and dots a co-facilitator saved meanwhile', () => {
		const mine = { ...base, instructions: 'Trois gommettes au plus par idée.' };
		const theirs = { ...base, title: 'Vote final', settings: { dots: 7, maxDotsPerItem: 3 } };
		const { phase, kept, replaced } = mergePhaseEdit(base, mine, theirs);
		expect(phase).toEqual({ ...base, title: 'Vote final', instructions: 'Trois gommettes au plus par idée.', settings: { dots: 7, maxDotsPerItem: 3 } });
		expect(kept).toEqual(['settings.dots', 'title']);
		expect(replaced).toEqual([]);
	});

	test('when both changed the same field differently the form wins and says so', () => {
		const { phase, replaced } = mergePhaseEdit(base, { ...base, minutes: 15 }, { ...base, minutes: 20 });
		expect(phase.minutes).toBe(15);
		expect(replaced).toEqual(['minutes']);
	});

	test('the same change on both sides is no conflict; nothing changed elsewhere returns the form as is', () => {
		expect(mergePhaseEdit(base, { ...base, minutes: 15 }, { ...base, minutes: 15 }).replaced).toEqual([]);
		const mine = { ...base, facilitatorNote: 'Rappeler le secret du vote.' };
		expect(mergePhaseEdit(base, mine, base)).toEqual({ phase: mine, kept: [], replaced: [] });
	});

	test('a setting removed by one side and left alone by the other is removed', () => {
		const theirs = { ...base, settings: { dots: 5 } };
		expect(mergePhaseEdit(base, { ...base, title: 'Vote' }, theirs).phase.settings).toEqual({ dots: 5 });
	});

	test('a kind changed by one side brings its own settings whole', () => {
		const theirs: Phase = { ...base, type: 'poll', settings: { question: 'Êtes-vous d’accord ?', choices: ['Oui', 'Non'] } };
		const { phase, kept } = mergePhaseEdit(base, { ...base, title: 'Question' }, theirs);
		expect(phase.type).toBe('poll');
		expect(phase.settings).toEqual(theirs.settings);
		expect(phase.title).toBe('Question');
		expect(kept).toEqual(['type']);
		const mine: Phase = { ...base, type: 'ideation', settings: {} };
		expect(mergePhaseEdit(base, mine, { ...base, settings: { dots: 9, maxDotsPerItem: 3 } }).phase).toMatchObject({ type: 'ideation', settings: {} });
	});
});
