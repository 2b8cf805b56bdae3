import * as Y from 'yjs';
import type { Queryable } from '../db/db.ts';
import { loadDoc } from '../db/repositories/yjs-log.ts';
import type { Room } from './room.ts';
import { STORED_ORIGIN } from './origins.ts';

/**
 * Merges into a loaded room what the database holds and the room lacks. Another instance's
 * acknowledged change is stored, but reaches this instance's copy of the board only through
 * Redis: while Redis is away (or a message is still on its way) a command that reads the board
 * here, such as the plenary gathering picks written on another instance, would not find it.
 * Yjs merges are idempotent, so what the room already has changes nothing; what it lacks is
 * applied, shown to this instance's clients and, as any change, stored and published.
 * Reads the whole stored board: call it only when something looked for is not there.
 */
export async function catchUpFromStore(db: Queryable, room: Room): Promise<void> {
	const stored = await loadDoc(db, room.workshopId);
	room.doc.transact(() => {
		if (stored.snapshot) Y.applyUpdate(room.doc, stored.snapshot, STORED_ORIGIN);
		for (const u of stored.updates) Y.applyUpdate(room.doc, u, STORED_ORIGIN);
	}, STORED_ORIGIN);
}
