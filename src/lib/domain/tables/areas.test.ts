import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import { readSections, sectionOfPhase } from '../board/sections.ts';
import { ensureTableArea, tableAreaAt, tableSectionId, withoutOtherTables } from './areas.ts';

describe("tables' areas on the board", () => {
	test('an area is made once per table, then follows its name and members; it belongs to no phase', () => {
		const doc = new Y.Doc();
		const first = ensureTableArea(doc, { id: 't1', name: 'Table 1', index: 0, memberIds: ['a', 'b'] });
		expect(first).toMatchObject({ id: tableSectionId('t1'), kind: 'table', title: 'Table 1', memberIds: ['a', 'b'], ...tableAreaAt(0) });
		const again = ensureTableArea(doc, { id: 't1', name: 'Table 1 — Accueil', index: 0, memberIds: ['a', 'c'] });
		expect(again).toMatchObject({ title: 'Table 1 — Accueil', memberIds: ['a', 'c'], x: first.x, y: first.y });
		expect(readSections(doc)).toHaveLength(1);
		expect(sectionOfPhase(doc, 'idees')).toBeNull();
	});

	test('areas of different tables do not overlap, and stay on the board for 30 tables', () => {
		const areas = Array.from({ length: 30 }, (_, i) => tableAreaAt(i));
		for (const [i, a] of areas.entries())
			for (const b of areas.slice(i + 1)) expect(a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y).toBe(true);
		expect(Math.max(...areas.map((a) => a.x + a.width))).toBeLessThanOrEqual(4000);
		expect(Math.max(...areas.map((a) => a.y))).toBeLessThan(3000);
	});
});

describe("a participant's default view", () => {
	test("shows their own table's area and the shared board, not the other tables' areas", () => {
		const notes = [{ id: 'a', sectionId: tableSectionId('t1') }, { id: 'b', sectionId: tableSectionId('t2') }, { id: 'c', sectionId: 'plenary-x' }, { id: 'd' }];
		expect(withoutOtherTables(notes, 't1').map((n) => n.id)).toEqual(['a', 'c', 'd']);
		expect(withoutOtherTables(notes, null).map((n) => n.id)).toEqual(['a', 'b', 'c', 'd']);
	});
});
