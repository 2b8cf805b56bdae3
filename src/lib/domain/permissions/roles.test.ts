import { describe, expect, test } from 'vitest';
import { can, syncAccess, type Action, type Role } from './roles.ts';

const ROLES: Role[] = ['facilitator', 'editor', 'participant', 'observer', 'owner'];
const ACTIONS: Action[] = ['sync.read', 'sync.write', 'note.add', 'workshop.manage'];

/** The design's permission table, written out once more by hand: a change must be deliberate. */
const EXPECTED: Record<Role, Record<Action, boolean>> = {
	facilitator: { 'sync.read': true, 'sync.write': true, 'note.add': true, 'workshop.manage': true },
	editor: { 'sync.read': true, 'sync.write': true, 'note.add': true, 'workshop.manage': false },
	participant: { 'sync.read': true, 'sync.write': false, 'note.add': true, 'workshop.manage': false },
	observer: { 'sync.read': true, 'sync.write': false, 'note.add': false, 'workshop.manage': false },
	owner: { 'sync.read': false, 'sync.write': false, 'note.add': false, 'workshop.manage': false }
};

describe('permission table', () => {
	test.each(ROLES.flatMap((role) => ACTIONS.map((action) => [role, action] as const)))('%s may %s?', (role, action) => {
		expect(can(role, action)).toBe(EXPECTED[role][action]);
	});

	test('participants never write the shared document directly; they go through commands', () => {
		expect(can('participant', 'sync.write')).toBe(false);
		expect(can('participant', 'note.add')).toBe(true);
	});

	test('only facilitators manage a workshop', () => {
		expect(ROLES.filter((r) => can(r, 'workshop.manage'))).toEqual(['facilitator']);
	});
});

describe('sync access, decided once per connection', () => {
	test.each([
		['facilitator', 'write'],
		['editor', 'write'],
		['participant', 'read'],
		['observer', 'read'],
		['owner', null]
	] as const)('%s gets %s', (role, access) => {
		expect(syncAccess(role)).toBe(access);
	});
});
