import { describe, expect, test } from 'vitest';
import { readinessCounts } from './readiness.ts';

describe('readiness counts', () => {
	const people = [
		{ id: 'a1', category: 'agent' as const },
		{ id: 'a2', category: 'agent' as const },
		{ id: 'u1', category: 'usager' as const },
		{ id: 'e1', category: 'elu' as const }
	];

	test('counts who is done overall, by table and by collège; a removed person counts nowhere', () => {
		const counts = readinessCounts(people, new Set(['a1', 'u1', 'gone']), { t1: ['a1', 'u1', 'gone'], t2: ['a2', 'e1'] });
		expect(counts.overall).toEqual({ done: 2, of: 4 });
		expect(counts.byTable).toEqual({ t1: { done: 2, of: 2 }, t2: { done: 0, of: 2 } });
		expect(counts.byCategory).toEqual({ agent: { done: 1, of: 2 }, usager: { done: 1, of: 1 }, elu: { done: 0, of: 1 } });
	});

	test('without a table plan there are no table counts', () => {
		expect(readinessCounts(people, new Set(), {}).byTable).toEqual({});
	});
});
