import { describe, expect, test } from 'vitest';
import { BoardState } from './board.svelte.ts';
import { readNotes } from '$lib/domain/board/notes';

// The facilitator's board writes a proxy note directly in its document (no sync needed here).
describe('a proxy note written by a facilitator', () => {
	test('reads back with the chosen category and the proxy flag, no author and no name (names stay on the server)', () => {
		const board = new BoardState('w-proxy', { id: 'f1', category: 'facilitator' });
		const id = board.add('  Le guichet ferme trop tôt ', { onBehalf: { category: 'elu' } });
		expect(id).not.toBeNull();
		expect(readNotes(board.doc)).toEqual([expect.objectContaining({ id, text: 'Le guichet ferme trop tôt', authorId: '', authorCategory: 'elu', proxy: {} })]);
		board.destroy();
	});

	test('without a name it is still flagged as a proxy note, counted with its category', () => {
		const board = new BoardState('w-proxy', { id: 'f1', category: 'facilitator' });
		const proxyId = board.add('Plus de bancs', { onBehalf: { category: 'usager' } });
		const ownId = board.add('Idée de l’animatrice');
		// Both may share a millisecond: find them by id, not by order.
		const proxy = readNotes(board.doc).find((n) => n.id === proxyId)!;
		const own = readNotes(board.doc).find((n) => n.id === ownId)!;
		expect(proxy).toMatchObject({ authorCategory: 'usager', authorId: '', proxy: {} });
		expect(proxy.proxy?.name).toBeUndefined();
		expect(own).toMatchObject({ authorCategory: 'facilitator', authorId: 'f1' });
		expect(own.proxy).toBeUndefined();
		board.destroy();
	});
});
