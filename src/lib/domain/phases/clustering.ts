import { defineKind } from './kind.ts';

/** Notes go into named clusters: the facilitator on the board, participants their own notes. */
export const clustering = defineKind({
	type: 'clustering',
	settings: ['categories', 'plenary'],
	opens: ['note.cluster'],
	phone: ['cluster']
});
