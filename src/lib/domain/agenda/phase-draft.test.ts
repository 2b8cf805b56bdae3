import { describe, expect, test } from 'vitest';
import { delocalize, localize, phaseProblems, withKind, withListLines, withSetting } from './phase-draft.ts';
import type { Phase } from './phase.ts';

const vote: Phase = { id: 'vote', type: 'vote', title: 'Votons', minutes: 10, instructions: 'Cinq gommettes chacun·e', facilitatorNote: 'Rappeler le secret', settings: { dots: 5, voteOn: 'notes' } };
const ideas: Phase = { id: 'idees', type: 'ideation', title: 'Idées', minutes: 15, instructions: '', settings: { silent: true, prompts: ['Obstacles', 'Leviers'] } };

describe('the phase form’s shape', () => {
	test('a workshop phase goes to the form and back unchanged (its note included, an absent one as empty)', () => {
		expect(delocalize(localize(vote, 'room'), 'room')).toEqual(vote);
		expect(delocalize(localize(ideas, 'room'), 'room')).toEqual({ ...ideas, facilitatorNote: '' });
	});

	test('another kind keeps only the settings it takes', () => {
		const draft = withKind(localize({ ...ideas, settings: { silent: true, prompts: ['A'] } }, 'fr'), 'vote');
		expect(draft.settings).toEqual({});
		expect(withKind(localize(vote, 'fr'), 'ideation').settings).toEqual({});
	});

	test('a setting at its default is left out, so files stay short', () => {
		const draft = localize(vote, 'fr');
		expect(withSetting(draft, 'ownItems', true, true).settings).not.toHaveProperty('ownItems');
		expect(withSetting(draft, 'ownItems', false, true).settings.ownItems).toBe(false);
		expect(withSetting(draft, 'dots', undefined).settings).not.toHaveProperty('dots');
	});

	test('list lines of one language keep the other language’s items in step; blank lines are dropped', () => {
		const items = [
			{ fr: 'Obstacles', en: 'Obstacles' },
			{ fr: 'Leviers', en: 'Levers' }
		];
		expect(withListLines(items, 'fr', 'Freins\n\n Leviers \nIdées', ['fr', 'en'])).toEqual([
			{ fr: 'Freins', en: 'Obstacles' },
			{ fr: 'Leviers', en: 'Levers' },
			{ fr: 'Idées', en: '' }
		]);
		expect(withListLines(undefined, 'room', '  \n', ['room'])).toBeUndefined();
	});

	test('problems are those the server checks agenda.save with, each naming its field', () => {
		expect(phaseProblems(vote)).toEqual([]);
		const problems = phaseProblems({ ...vote, title: ' ', settings: { dots: 30 } });
		expect(problems.map((p) => [p.path, p.code])).toEqual([
			['title', 'empty'],
			['settings.dots', 'tooBig']
		]);
		expect(phaseProblems({ ...vote, settings: { prompts: ['x'] } }).map((p) => [p.path, p.code])).toEqual([['settings.prompts', 'settingForKind']]);
	});
});
