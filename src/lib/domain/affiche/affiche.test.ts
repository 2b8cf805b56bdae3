import { describe, expect, test } from 'vitest';
import {
	AFFICHE_LIMITS,
	canEdit,
	canPublish,
	canSubmit,
	canValidate,
	draftFromDecisions,
	emptyContent,
	normaliseContent,
	sideOf,
	tally,
	tallyTotal
} from './affiche.ts';

describe('affiche domain', () => {
	test('a confirmed decision goes to the side of who commits; others stay off the poster', () => {
		expect(sideOf(['agent'])).toBe('agents');
		expect(sideOf(['usager', 'owner'])).toBe('usagers');
		expect(sideOf(['agent', 'usager'])).toBe('both');
		expect(sideOf(['owner', 'elu'])).toBeNull();
		const draft = draftFromDecisions('Accueil de la mairie', [
			{ title: 'Répondre sous 48 h', commits: ['agent'], status: 'confirmed' },
			{ title: 'Venir avec ses pièces', commits: ['usager'], status: 'confirmed' },
			{ title: 'Se parler avec respect', commits: ['agent', 'usager'], status: 'confirmed' },
			{ title: 'Pas encore d’accord', commits: ['agent'], status: 'proposed' },
			{ title: 'Abandonnée', commits: ['usager'], status: 'dropped' },
			{ title: 'Budget', commits: ['owner'], status: 'confirmed' }
		]);
		expect(draft).toEqual({
			title: 'Accueil de la mairie',
			qualities: [],
			commitments: { agents: ['Répondre sous 48 h'], usagers: ['Venir avec ses pièces'], both: ['Se parler avec respect'] }
		});
	});

	test('the draft keeps to the poster’s limits', () => {
		const many = Array.from({ length: 12 }, (_, i) => ({ title: `${i} ${'x'.repeat(300)}`, commits: ['agent' as const], status: 'confirmed' as const }));
		const draft = draftFromDecisions('T'.repeat(500), many);
		expect(draft.title).toHaveLength(AFFICHE_LIMITS.title);
		expect(draft.commitments.agents).toHaveLength(AFFICHE_LIMITS.commitments);
		expect(draft.commitments.agents.every((c) => c.length === AFFICHE_LIMITS.commitment)).toBe(true);
	});

	test('content is trimmed, empty lines dropped, and refused over a limit with a reason', () => {
		const ok = normaliseContent({ title: '  Notre  accueil ', qualities: [' Écoute ', '', '  '], commitments: { agents: ['A'], usagers: [], both: [' '] } });
		expect(ok).toEqual({ ok: true, content: { title: 'Notre accueil', qualities: ['Écoute'], commitments: { agents: ['A'], usagers: [], both: [] } } });
		expect(normaliseContent(emptyContent(' '))).toEqual({ ok: false, message: 'a title is required' });
		const tooMany = { ...emptyContent('T'), qualities: Array.from({ length: AFFICHE_LIMITS.qualities + 1 }, (_, i) => `q${i}`) };
		expect(normaliseContent(tooMany).ok).toBe(false);
		const tooLong = { ...emptyContent('T'), commitments: { agents: [], usagers: ['u'.repeat(AFFICHE_LIMITS.commitment + 1)], both: [] } };
		expect(normaliseContent(tooLong)).toMatchObject({ ok: false, message: expect.stringContaining('usagers') });
	});

	test('the tally counts each collège’s validations and proposals apart', () => {
		const t = tally([
			{ category: 'agent', choice: 'valide' },
			{ category: 'agent', choice: 'modification' },
			{ category: 'usager', choice: 'valide' },
			{ category: 'usager', choice: 'valide' }
		]);
		expect(t.agent).toEqual({ valide: 1, modification: 1 });
		expect(t.usager).toEqual({ valide: 2, modification: 0 });
		expect(t.elu).toEqual({ valide: 0, modification: 0 });
		expect(tallyTotal(t)).toEqual({ valide: 3, modification: 1 });
	});

	test('draft → submitted → published; a published affiche no longer changes', () => {
		expect(canEdit(null)).toBeNull();
		expect(canEdit('submitted')).toBeNull();
		expect(canEdit('published')?.code).toBe('phase_closed');
		expect(canSubmit(null)?.code).toBe('invalid_input');
		expect(canSubmit('draft')).toBeNull();
		expect(canSubmit('submitted')?.code).toBe('conflict');
		expect(canPublish('draft')?.code).toBe('conflict');
		expect(canPublish('submitted')).toBeNull();
		expect(canPublish('published')?.code).toBe('conflict');
	});

	test('a validation is for the version shown, while it is submitted', () => {
		expect(canValidate(null, 1)?.code).toBe('phase_closed');
		expect(canValidate({ status: 'draft', version: 1 }, 1)?.code).toBe('phase_closed');
		expect(canValidate({ status: 'submitted', version: 2 }, 2)).toBeNull();
		expect(canValidate({ status: 'submitted', version: 2 }, 1)).toMatchObject({ code: 'conflict', message: expect.stringContaining('out of date') });
		expect(canValidate({ status: 'published', version: 2 }, 2)?.code).toBe('phase_closed');
	});
});
