import { describe, expect, test } from 'vitest';
import { can, syncAccess, type Action, type Role } from './roles.ts';

const ROLES: Role[] = ['facilitator', 'editor', 'participant', 'observer', 'owner'];
const ACTIONS: Action[] = ['sync.read', 'sync.write', 'live.command', 'note.add', 'workshop.manage', 'participants.manage', 'roles.manage'];

const row = (granted: Action[]): Record<Action, boolean> => Object.fromEntries(ACTIONS.map((a) => [a, granted.includes(a)])) as Record<Action, boolean>;

/** The design's permission table, written out once more by hand: a change must be deliberate. */
const EXPECTED: Record<Role, Record<Action, boolean>> = {
	facilitator: row(['sync.read', 'sync.write', 'live.command', 'note.add', 'workshop.manage', 'participants.manage', 'roles.manage']),
	editor: row(['sync.read', 'sync.write', 'live.command', 'note.add']),
	participant: row(['sync.read', 'live.command', 'note.add']),
	observer: row(['sync.read']),
	owner: row([])
};

describe('permission table', () => {
	test.each(ROLES.flatMap((role) => ACTIONS.map((action) => [role, action] as const)))('%s may %s?', (role, action) => {
		expect(can(role, action)).toBe(EXPECTED[role][action]);
	});

	test('participants never write the shared document directly; they go through commands', () => {
		expect(can('participant', 'sync.write')).toBe(false);
		expect(can('participant', 'note.add')).toBe(true);
	});

	test('only facilitators manage a workshop, its participants and its roles', () => {
		for (const action of ['workshop.manage', 'participants.manage', 'roles.manage'] as const) {
			expect(ROLES.filter((r) => can(r, action))).toEqual(['facilitator']);
		}
	});

	test('observers and owners send no live command at all', () => {
		expect(ROLES.filter((r) => can(r, 'live.command'))).toEqual(['facilitator', 'editor', 'participant']);
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
