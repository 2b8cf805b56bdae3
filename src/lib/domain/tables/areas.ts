import * as Y from 'yjs';
import { createSection, readSections, sectionsOf, updateSection, type Section } from '../board/sections.ts';

/**
 * Each table's own area of the board (issue 13, item 2): a section of kind `table`, its id made
 * from the table's, titled with the table's name and listing its members. Notes written for a
 * table land in it. Areas sit in a grid of five per row from the board's top-left.
 */
export const tableSectionId = (tableId: string) => `table-${tableId}`;

const AREA = { width: 740, height: 460, gapX: 40, gapY: 40, perRow: 5, left: 40, top: 40 };

/** Where the area of the table at `index` (0-based, in the plan's order) goes on the board. */
export function tableAreaAt(index: number): { x: number; y: number; width: number; height: number } {
	const col = index % AREA.perRow;
	const row = Math.floor(index / AREA.perRow);
	return {
		x: AREA.left + col * (AREA.width + AREA.gapX),
		y: AREA.top + row * (AREA.height + AREA.gapY),
		width: AREA.width,
		height: AREA.height
	};
}

/** Makes the table's area exist with its current name and members; returns it as it now is. */
export function ensureTableArea(doc: Y.Doc, table: { id: string; name: string; index: number; memberIds: readonly string[] }, origin?: unknown): Section {
	const id = tableSectionId(table.id);
	doc.transact(() => {
		const m = sectionsOf(doc).get(id);
		if (!(m instanceof Y.Map)) createSection(doc, { id, kind: 'table', title: table.name, memberIds: [...table.memberIds], ...tableAreaAt(table.index) }, origin);
		else {
			updateSection(doc, id, { title: table.name }, origin);
			m.set('memberIds', [...table.memberIds]);
		}
	}, origin);
	return readSections(doc).find((s) => s.id === id)!;
}

const TABLE_PREFIX = tableSectionId('');

/** Whether a note lies in a table's own area (not the shared board, not the plenary). */
export const inTableArea = (note: { sectionId?: string }) => !!note.sectionId?.startsWith(TABLE_PREFIX);

/**
 * What a seated participant's list shows by default: the board without the other tables' areas
 * (their own table's area, the shared sections, the plenary). Others' areas stay a tap away, read-only.
 */
export function withoutOtherTables<N extends { sectionId?: string }>(notes: readonly N[], myTableId: string | null): N[] {
	if (myTableId === null) return [...notes];
	const mine = tableSectionId(myTableId);
	return notes.filter((n) => !inTableArea(n) || n.sectionId === mine);
}
