import { describe, expect, test } from 'vitest';
import { cursorColor, cursorsOf, dragsOf, fieldEditorsOf, leaderFocus, presenceByCategory, readFocus, sameFocus, withSelf, type PresenceUser } from './presence.ts';

const facilitator: PresenceUser = { id: 'f1', name: 'Camille', category: 'facilitator', role: 'facilitator' };
const coFacilitator: PresenceUser = { id: 'f2', name: 'Hugo', category: 'facilitator', role: 'facilitator' };
const editor: PresenceUser = { id: 'e1', name: 'Lab', category: 'agent', role: 'editor' };
const agent = (id: string): PresenceUser => ({ id, name: `Agent ${id}`, category: 'agent', role: 'participant' });
const usager = (id: string): PresenceUser => ({ id, name: `Usager ${id}`, category: 'usager', role: 'participant' });
const observer: PresenceUser = { id: 'o1', name: '', category: 'observer', role: 'observer' };

function states(...entries: [number, unknown][]): Map<number, unknown> {
	return new Map(entries);
}

describe('presenceByCategory', () => {
	test('counts people by category, facilitators and screens, and totals them', () => {
		const counts = presenceByCategory(
			states(
				[1, { user: facilitator }],
				[2, { user: agent('a1') }],
				[3, { user: agent('a2') }],
				[4, { user: usager('u1') }],
				[5, { user: editor }],
				[6, { user: observer }],
				[7, { user: facilitator, screen: true }]
			)
		);
		expect(counts).toEqual({
			total: 7,
			categories: { agent: 3, usager: 1, elu: 0, expert: 0, autre: 0 },
			facilitators: 1,
			screens: 2
		});
	});

	test('one person with two tabs counts once; two projector tabs are two screens', () => {
		const counts = presenceByCategory(
			states([1, { user: usager('u1') }], [2, { user: usager('u1') }], [3, { user: facilitator, screen: true }], [4, { user: facilitator, screen: true }])
		);
		expect(counts.categories.usager).toBe(1);
		expect(counts.screens).toBe(2);
		expect(counts.facilitators).toBe(0);
		expect(counts.total).toBe(3);
	});

	test('a participant cannot pass as a screen; states without a stamped user, or of no known role, are not counted', () => {
		const counts = presenceByCategory(
			states(
				[1, { user: usager('u1'), screen: true }],
				[2, {}],
				[3, null],
				[4, { user: { id: 'x', category: 'agent' } }],
				[5, { user: { id: 'w', name: 'W', category: 'agent', role: 'owner' } }],
				[6, 'garbage']
			)
		);
		expect(counts).toMatchObject({ total: 1, screens: 0, categories: { usager: 1 } });
	});

	test('an unknown category is counted as autre', () => {
		expect(presenceByCategory(states([1, { user: { ...agent('a'), category: 'martien' } }])).categories.autre).toBe(1);
	});

	test('withSelf makes the own, unstamped state count', () => {
		const raw = states([1, {}], [2, { user: agent('a1') }]);
		expect(presenceByCategory(raw).total).toBe(1);
		expect(presenceByCategory(withSelf(raw, 1, usager('me'))).categories.usager).toBe(1);
		// A client that has cleared its state (null) is gone, not revived.
		expect(presenceByCategory(withSelf(states([1, null]), 1, usager('me'))).total).toBe(0);
	});
});

describe('cursorsOf', () => {
	test("shows facilitators' and editors' cursors, never a participant's or one's own", () => {
		const cursors = cursorsOf(
			states(
				[3, { user: editor, cursor: { x: 30, y: 40 } }],
				[1, { user: facilitator, cursor: { x: 10, y: 20 } }],
				[2, { user: agent('a1'), cursor: { x: 5, y: 5 } }],
				[4, { user: coFacilitator, cursor: { x: 1, y: 1 } }]
			),
			4
		);
		expect(cursors).toEqual([
			{ clientId: 1, name: 'Camille', x: 10, y: 20, color: cursorColor('f1') },
			{ clientId: 3, name: 'Lab', x: 30, y: 40, color: cursorColor('e1') }
		]);
	});

	test('ignores missing, cleared and malformed cursors, and projector tabs', () => {
		const cursors = cursorsOf(
			states(
				[1, { user: facilitator }],
				[2, { user: facilitator, cursor: null }],
				[3, { user: facilitator, cursor: { x: 'a', y: 1 } }],
				[4, { user: facilitator, cursor: { x: Infinity, y: 1 } }],
				[5, { user: facilitator, screen: true, cursor: { x: 1, y: 1 } }]
			),
			0
		);
		expect(cursors).toEqual([]);
	});

	test('a person keeps one colour on every screen', () => {
		expect(cursorColor('f1')).toBe(cursorColor('f1'));
		expect(cursorColor('f1')).toMatch(/^#[0-9a-f]{6}$/);
	});
});

describe('dragsOf', () => {
	test("keeps writers' well-formed drags only", () => {
		const drags = dragsOf(
			states(
				[1, { user: facilitator, drag: { ids: ['n1', 'n2', 7], dx: 10, dy: -5 } }],
				[2, { user: agent('a1'), drag: { ids: ['n3'], dx: 1, dy: 1 } }],
				[3, { user: editor, drag: { ids: [], dx: 1, dy: 1 } }],
				[4, { user: editor, drag: { ids: ['n4'], dx: NaN, dy: 1 } }]
			),
			9
		);
		expect(drags).toEqual([{ clientId: 1, ids: ['n1', 'n2'], dx: 10, dy: -5 }]);
	});
});

describe('leaderFocus', () => {
	test('nobody leads: null', () => {
		expect(leaderFocus(states([1, { user: facilitator }], [2, { user: facilitator, lead: null }]))).toBeNull();
	});

	test("the leading facilitator's focus; with several, the most recent", () => {
		const leader = leaderFocus(
			states(
				[1, { user: facilitator, lead: { focus: { kind: 'cluster', id: 'c1' }, at: 100 } }],
				[2, { user: coFacilitator, lead: { focus: { kind: 'area', x: 0, y: 0, width: 800, height: 600 }, at: 200 } }]
			)
		);
		expect(leader).toEqual({ clientId: 2, name: 'Hugo', focus: { kind: 'area', x: 0, y: 0, width: 800, height: 600 }, at: 200 });
	});

	test('a tie picks the same leader everywhere, whatever the order of the states', () => {
		const a: [number, unknown] = [1, { user: facilitator, lead: { focus: { kind: 'note', id: 'n1' }, at: 100 } }];
		const b: [number, unknown] = [2, { user: coFacilitator, lead: { focus: { kind: 'note', id: 'n2' }, at: 100 } }];
		expect(leaderFocus(states(a, b))?.clientId).toBe(2);
		expect(leaderFocus(states(b, a))?.clientId).toBe(2);
	});

	test('participants, editors and projector tabs cannot lead; malformed focuses are ignored', () => {
		const leader = leaderFocus(
			states(
				[1, { user: agent('a1'), lead: { focus: { kind: 'note', id: 'n1' }, at: 900 } }],
				[2, { user: editor, lead: { focus: { kind: 'note', id: 'n1' }, at: 900 } }],
				[3, { user: facilitator, screen: true, lead: { focus: { kind: 'note', id: 'n1' }, at: 900 } }],
				[4, { user: facilitator, lead: { focus: { kind: 'area', x: 0, y: 0, width: 0, height: 10 }, at: 900 } }],
				[5, { user: facilitator, lead: { focus: { kind: 'note', id: 'n9' } } }]
			)
		);
		expect(leader).toBeNull();
	});
});

describe('focus', () => {
	test('readFocus accepts areas and items, refuses the rest', () => {
		expect(readFocus({ kind: 'persona', id: 'p1', extra: 1 })).toEqual({ kind: 'persona', id: 'p1' });
		expect(readFocus({ kind: 'area', x: 1, y: 2, width: 3, height: 4 })).toEqual({ kind: 'area', x: 1, y: 2, width: 3, height: 4 });
		expect(readFocus({ kind: 'note', id: '' })).toBeNull();
		expect(readFocus({ kind: 'note', id: 'x'.repeat(65) })).toBeNull();
		expect(readFocus({ kind: 'section', id: 's1' })).toBeNull();
		expect(readFocus({ kind: 'area', x: 1, y: 2, width: -3, height: 4 })).toBeNull();
		expect(readFocus([])).toBeNull();
	});

	test('sameFocus compares by value', () => {
		expect(sameFocus({ kind: 'note', id: 'a' }, { kind: 'note', id: 'a' })).toBe(true);
		expect(sameFocus({ kind: 'note', id: 'a' }, { kind: 'cluster', id: 'a' })).toBe(false);
		expect(sameFocus({ kind: 'area', x: 0, y: 0, width: 1, height: 1 }, { kind: 'area', x: 0, y: 0, width: 1, height: 1 })).toBe(true);
		expect(sameFocus(null, null)).toBe(true);
		expect(sameFocus(null, { kind: 'note', id: 'a' })).toBe(false);
	});
});

describe('fieldEditorsOf', () => {
	test('lists who else types in which persona field, phones included, never screens, never oneself', () => {
		const editing = { personaId: 'p1', field: 'situation' };
		const list = fieldEditorsOf(
			states(
				[1, { user: facilitator, editing: { personaId: 'p1', field: 'name' } }],
				[2, { user: usager('u1'), editing }],
				[3, { user: agent('a1'), editing }],
				[4, { user: observer, editing }],
				[5, { user: facilitator, screen: true, editing }],
				[6, { user: agent('a2'), editing: null }]
			),
			3
		);
		expect(list).toEqual([
			{ clientId: 1, name: 'Camille', personaId: 'p1', field: 'name' },
			{ clientId: 2, name: 'Usager u1', personaId: 'p1', field: 'situation' }
		]);
	});

	test('ignores what is malformed: no stamped user, odd ids or field names', () => {
		const list = fieldEditorsOf(
			states(
				[1, { editing: { personaId: 'p1', field: 'name' } }],
				[2, { user: agent('a1'), editing: { personaId: '', field: 'name' } }],
				[3, { user: agent('a2'), editing: { personaId: 'p1', field: '<img src=x>' } }],
				[4, { user: agent('a3'), editing: { personaId: 'x'.repeat(65), field: 'name' } }],
				[5, { user: agent('a4'), editing: 'name' }]
			),
			0
		);
		expect(list).toEqual([]);
	});
});
