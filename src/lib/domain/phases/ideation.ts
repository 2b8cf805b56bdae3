import { defineKind } from './kind.ts';

/**
 * Ideas on notes, optionally silent (kept on the server until reveal) and anonymous. Leaving
 * the phase reveals what it still held: nothing stays hidden by accident.
 */
export const ideation = defineKind({
	type: 'ideation',
	settings: ['silent', 'anonymous', 'categories', 'prompts'],
	opens: ['note.add', 'note.edit', 'note.move', 'note.delete'],
	phone: ['write'],
	onLeave: ['reveal-notes']
});
