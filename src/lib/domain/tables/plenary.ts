import * as Y from 'yjs';
import { hasNote, insertNote, notesInSection, readNotes, clampPosition, type Note } from '../board/notes.ts';
import { sectionSlot } from '../board/layout.ts';
import { createSection, readSections, sectionOfPhase, type Section } from '../board/sections.ts';
import { tableAreaAt } from './areas.ts';

/**
 * The plenary (issue 13, item 4): a phase whose settings say `plenary: true` gathers, when it
 * starts, every table's contribution (the notes its reporter picked) into one shared area of the
 * board. Each gathered note is a copy that keeps its origin: the table (`fromTable`) and the
 * collège of whoever wrote it (`authorCategory`). The copy's id is made from the picked note's, so
 * gathering again (a retry, the phase started again, a restart) adds nothing twice.
 */

/** The id of the plenary copy of a table's note. */
export const plenaryNoteId = (noteId: string) => `plenary-${noteId}`;

/** The id of the shared area a plenary phase creates when the board has none for it. */
export const plenarySectionId = (phaseId: string) => `plenary-${phaseId}`;

/** A table as the plenary needs it: its name, its place in the plan and its reporter's picks, in order. */
export interface ContributingTable {
	id: string;
	name: string;
	picks: readonly string[];
}

/** Where the plenary's area goes: the full width of the board, under the tables' areas. */
export function plenaryAreaAt(tables: number): { x: number; y: number; width: number; height: number } {
	const firstFreeRow = Math.ceil(tables / 5) * 5;
	const at = tableAreaAt(firstFreeRow);
	const lastOfRow = tableAreaAt(4);
	return { x: at.x, y: at.y, width: lastOfRow.x + lastOfRow.width - at.x, height: at.height };
}

/**
 * Copies the tables' picked notes into the plenary phase's area (its own section, or a new one
 * titled like the phase). Picks no longer on the board are skipped; notes already gathered are
 * left as they are (moved, clustered by then). Returns the ids of the copies it wrote.
 */
export function gatherContributions(
	doc: Y.Doc,
	phase: { id: string; title: string },
	tables: readonly ContributingTable[],
	now: number,
	origin?: unknown
): string[] {
	const written: string[] = [];
	const picked = tables.flatMap((t) => t.picks.map((noteId) => ({ table: t, noteId })));
	if (picked.length === 0) return written;
	const notes = new Map<string, Note>(readNotes(doc).map((n) => [n.id, n]));
	doc.transact(() => {
		let area: Section | null = sectionOfPhase(doc, phase.id);
		if (!area) {
			createSection(doc, { id: plenarySectionId(phase.id), title: phase.title, phaseId: phase.id, ...plenaryAreaAt(tables.length) }, origin);
			area = readSections(doc).find((s) => s.id === plenarySectionId(phase.id))!;
		}
		for (const { table, noteId } of picked) {
			const source = notes.get(noteId);
			const id = plenaryNoteId(noteId);
			// A pick was checked (a note of the table's own area) when it was made.
			if (!source || hasNote(doc, id)) continue;
			const slot = sectionSlot(area, notesInSection(doc, area.id));
			const at = clampPosition(slot.x, slot.y);
			const { clusterId: _cluster, ...kept } = source;
			void _cluster;
			insertNote(
				doc,
				{ ...kept, id, x: at.x, y: at.y, sectionId: area.id, fromTable: { tableId: table.id, name: table.name, noteId }, updatedAt: now },
				origin
			);
			written.push(id);
		}
	}, origin);
	return written;
}
