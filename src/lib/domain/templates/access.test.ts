import { describe, expect, test } from 'vitest';
import { allowedActions } from './access.ts';

describe('who may do what with a saved template', () => {
	const shared = { ownerId: 'ines', organisationId: 'lab', visibility: 'organisation' as const };
	const privateOne = { ...shared, visibility: 'private' as const };

	test('the owner does everything', () => {
		expect(allowedActions(privateOne, { id: 'ines', organisationIds: [] })).toEqual(['read', 'edit', 'share', 'delete']);
	});
	test('members of the organisation it is shared with use and edit it, but neither delete nor reshare it', () => {
		expect(allowedActions(shared, { id: 'paul', organisationIds: ['lab'] })).toEqual(['read', 'edit']);
	});
	test('nobody else sees it, nor members once it is private again', () => {
		expect(allowedActions(shared, { id: 'zoe', organisationIds: ['other'] })).toEqual([]);
		expect(allowedActions(privateOne, { id: 'paul', organisationIds: ['lab'] })).toEqual([]);
	});
});
