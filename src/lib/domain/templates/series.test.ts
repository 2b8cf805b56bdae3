import { describe, expect, test } from 'vitest';
import { builtinTemplate } from './builtins.ts';
import { sessionStates, sessionStatesFor, sourcesNotFacilitated } from './series.ts';

describe('the sessions of a series', () => {
	const t = builtinTemplate('vivre-ensemble');
	const view = (made: { sessionKey: string; workshopId: string }[]) =>
		sessionStates(t, made).map((s) => [s.session.key, s.workshopId, s.canCreate]);

	test('are made in order, so a later one can start with the notes of the earlier ones', () => {
		expect(view([{ sessionKey: 'agents', workshopId: 'w1' }])).toEqual([
			['agents', 'w1', false],
			['usagers', null, true],
			['mixte', null, false]
		]);
		expect(view([{ sessionKey: 'agents', workshopId: 'w1' }, { sessionKey: 'usagers', workshopId: 'w2' }]).at(-1)).toEqual(['mixte', null, true]);
	});

	test('follow the sessions’ rights: a session importing from one its facilitator does not run cannot be created by them', () => {
		const made = [
			{ sessionKey: 'agents', workshopId: 'w1' },
			{ sessionKey: 'usagers', workshopId: 'w2' }
		];
		expect(sourcesNotFacilitated(t, made, 'mixte', new Set(['w2']))).toEqual(['w1']);
		expect(sourcesNotFacilitated(t, made, 'mixte', new Set(['w1', 'w2']))).toEqual([]);
		expect(sessionStatesFor(t, made, new Set(['w2'])).map((s) => [s.session.key, s.mine, s.canCreate, s.forbidden])).toEqual([
			['agents', false, false, false],
			['usagers', true, false, false],
			['mixte', false, false, true]
		]);
		expect(sessionStatesFor(t, made, new Set(['w1', 'w2'])).at(-1)).toMatchObject({ mine: false, canCreate: true });
	});
});
