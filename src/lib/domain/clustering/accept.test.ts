import { describe, expect, test } from 'vitest';
import { acceptedGroups, type ClusterDraft } from './accept.ts';

const draft = (noteIds: string[], extra: Partial<ClusterDraft> = {}): ClusterDraft => ({
	label: 'Horaires, samedi',
	suggested: 'Horaires, samedi',
	noteIds,
	keep: true,
	...extra
});
const notes = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));

describe('accepting suggested clusters', () => {
	test('kept drafts become clusters with the facilitator’s label; discarded ones do not', () => {
		expect(acceptedGroups([draft(['a', 'b'], { label: '  Ouverture le samedi ' }), draft(['c', 'd'], { keep: false })], notes)).toEqual([
			{ label: 'Ouverture le samedi', noteIds: ['a', 'b'] }
		]);
	});

	test('an emptied label falls back to the suggested one', () => {
		expect(acceptedGroups([draft(['a', 'b'], { label: '   ' })], notes)[0].label).toBe('Horaires, samedi');
	});

	test('notes deleted or clustered meanwhile stay where they are; a group left with one note is dropped', () => {
		const now = [{ id: 'a' }, { id: 'b', clusterId: 'k1' }, { id: 'c' }, { id: 'd' }];
		expect(acceptedGroups([draft(['a', 'b']), draft(['c', 'd', 'e'])], now)).toEqual([{ label: 'Horaires, samedi', noteIds: ['c', 'd'] }]);
	});
});
