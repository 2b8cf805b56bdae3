import type * as Y from 'yjs';
import { notesOf, readNotes, type Note } from './notes.ts';
import { clustersOf, readClusters, resolveCluster, type Cluster } from './clusters.ts';
import { personasOf, readPersonas, type Persona } from './personas.ts';
import { readScales, scalesOf, type Scale } from './positioning.ts';
import { readSections, sectionsOf, type Section } from './sections.ts';

/** The whole board as every view reads it. */
export interface Board {
	notes: Note[];
	clusters: Cluster[];
	personas: Persona[];
	scales: Scale[];
	sections: Section[];
}

/**
 * Reads the board. A note whose cluster was removed on another screen at the same moment
 * reads as being where that cluster went (merged) or in none, so no view ever shows a note
 * in a cluster that is not there; links to deleted notes are dropped the same way.
 */
export function readBoard(doc: Y.Doc): Board {
	const notes = readNotes(doc).map((n) => {
		if (n.clusterId === undefined) return n;
		const clusterId = resolveCluster(doc, n.clusterId);
		if (clusterId === n.clusterId) return n;
		const { clusterId: _gone, ...rest } = n;
		return clusterId ? { ...rest, clusterId } : rest;
	});
	const noteIds = new Set(notes.map((n) => n.id));
	const personas = readPersonas(doc).map((p) => ({ ...p, noteIds: p.noteIds.filter((id) => noteIds.has(id)) }));
	return { notes, clusters: readClusters(doc), personas, scales: readScales(doc), sections: readSections(doc) };
}

/** The document's top-level maps, each a part of the board (undo scope, restore, checks). */
export function boardMaps(doc: Y.Doc): Y.Map<unknown>[] {
	return [notesOf(doc), clustersOf(doc), personasOf(doc), scalesOf(doc), sectionsOf(doc)] as Y.Map<unknown>[];
}

/**
 * What is wrong with a board as read: used by tests and by the convergence check. A valid
 * board has no note in a missing cluster or section and no duplicate ids.
 */
export function boardProblems(board: Board): string[] {
	const problems: string[] = [];
	const clusters = new Set(board.clusters.map((c) => c.id));
	const sections = new Set(board.sections.map((s) => s.id));
	for (const n of board.notes) {
		if (n.clusterId !== undefined && !clusters.has(n.clusterId)) problems.push(`note ${n.id} is in missing cluster ${n.clusterId}`);
		if (n.sectionId !== undefined && !sections.has(n.sectionId)) problems.push(`note ${n.id} is in missing section ${n.sectionId}`);
	}
	if (new Set(board.notes.map((n) => n.id)).size !== board.notes.length) problems.push('duplicate note ids');
	return problems;
}
