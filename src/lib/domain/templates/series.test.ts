import { describe, expect, test } from 'vitest';
import { builtinTemplate } from './builtins.ts';
import { sessionStates } from './series.ts';

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
});
