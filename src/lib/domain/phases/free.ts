import { defineKind } from './kind.ts';

/**
 * A free board: notes, clusters and personas all open at once (also the board before the
 * start). No marker: a scale belongs to a positioning phase.
 */
export const free = defineKind({
	type: 'free',
	settings: ['silent', 'anonymous', 'categories', 'prompts', 'plenary'],
	opens: ['note.add', 'note.edit', 'note.move', 'note.delete', 'note.cluster', 'persona.write'],
	phone: ['write', 'cluster', 'persona'],
	onLeave: ['reveal-notes']
});
