import { describe, expect, test } from 'vitest';
import { translator } from './index.ts';
import { presenceSummary } from './presence-summary.ts';

const counts = (c: Partial<Record<'agent' | 'usager' | 'elu' | 'expert' | 'autre', number>>, facilitators = 0, screens = 0) => {
	const categories = { agent: 0, usager: 0, elu: 0, expert: 0, autre: 0, ...c };
	const total = Object.values(categories).reduce((a, b) => a + b, 0) + facilitators + screens;
	return { total, categories, facilitators, screens };
};

describe('presenceSummary', () => {
	test('says who is here in one short French sentence, empty groups left out', () => {
		expect(presenceSummary(translator('fr'), counts({ agent: 5, usager: 4, elu: 2 }, 0, 1))).toBe('12 présent·es : 5 agents, 4 usager·ères, 2 élu·es, 1 écran');
	});

	test('uses the singular for one, in English too', () => {
		expect(presenceSummary(translator('fr'), counts({ usager: 1 }))).toBe('1 présent·e : 1 usager·ère');
		expect(presenceSummary(translator('en'), counts({ expert: 1 }, 2))).toBe('3 present: 1 expert, 2 facilitators');
	});

	test('before anyone is counted it says it is connecting', () => {
		expect(presenceSummary(translator('fr'), counts({}))).toBe('Connexion en cours…');
	});
});
