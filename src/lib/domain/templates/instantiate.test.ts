import { describe, expect, test } from 'vitest';
import { plannedMinutes } from '../agenda/phase.ts';
import { builtinTemplate } from './builtins.ts';
import { agendaOf, isSeries, templateFromAgenda } from './instantiate.ts';

describe('a workshop made from a template', () => {
	test('takes the texts of its own language', () => {
		const session = builtinTemplate('flash-360').sessions[0];
		const fr = agendaOf(session, 'fr');
		const en = agendaOf(session, 'en');
		expect(plannedMinutes(fr)).toBe(180);
		expect(fr[0].title).toBe('Accueil et cadrage');
		expect(en[0].title).toBe('Welcome and framing');
		expect(en.find((p) => p.id === 'crash-test')?.settings.prompts?.[0]).toBe('Substance: obstacles');
		expect(fr.find((p) => p.id === 'vote')?.settings).toEqual({ dots: 5, maxDotsPerItem: 2 });
	});

	test('a phase takes the facilitator’s note in its language, or none', () => {
		const fr = agendaOf(builtinTemplate('flash-360').sessions[0], 'fr');
		expect(fr[0].facilitatorNote).toMatch(/sans suite annoncée/);
		expect(fr.find((p) => p.id === 'vote')).not.toHaveProperty('facilitatorNote');
	});

	test('a positioning phase gets its two poles in the workshop language', () => {
		const p = agendaOf(builtinTemplate('vivre-ensemble').sessions[0], 'en').find((x) => x.type === 'positioning');
		expect([p?.settings.leftPole, p?.settings.rightPole]).toEqual(['Ideal relationship', 'Chaotic relationship']);
	});
});

describe('saving a workshop as a template', () => {
	test('gives back the same agenda', () => {
		const agenda = agendaOf(builtinTemplate('flash-360').sessions[0], 'fr');
		const saved = templateFromAgenda({ name: 'Crash-test du guichet unique', phases: agenda });
		if (!saved.ok) throw new Error(saved.problems[0].message);
		expect(isSeries(saved.template)).toBe(false);
		expect(agendaOf(saved.template.sessions[0], 'fr')).toEqual(agenda);
		expect(agendaOf(saved.template.sessions[0], 'en')).toEqual(agenda);
	});

	test('renumbers ids a template cannot hold, keeping the order', () => {
		const saved = templateFromAgenda({
			name: 'Atelier',
			phases: [
				{ id: 'Xy_9', type: 'welcome', title: 'Accueil', minutes: 5, instructions: '', settings: {} },
				{ id: 'idees', type: 'ideation', title: 'Idées', minutes: 20, instructions: 'Une idée par post-it', settings: { silent: true } },
				{ id: 'idees', type: 'vote', title: 'Vote', minutes: 10, instructions: '', settings: { dots: 3 } }
			]
		});
		expect(saved.ok && saved.template.sessions[0].phases.map((p) => p.id)).toEqual(['sequence-1', 'idees', 'sequence-3']);
	});

	test('an empty agenda cannot become a template, and says why', () => {
		const saved = templateFromAgenda({ name: 'Vide', phases: [] });
		expect(saved.ok ? [] : saved.problems.map((p) => p.message)).toEqual(['sessions[0].phases: needs at least 1 item(s)']);
	});
});
