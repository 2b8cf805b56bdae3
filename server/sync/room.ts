import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import type { UpdateLog } from './update-log.ts';
import { MESSAGE_AWARENESS, MESSAGE_SYNC } from './message-types.ts';
import type { RedisFanout } from './fanout.ts';
import { FANOUT_ORIGIN } from './origins.ts';

/** A client over this many bytes behind is dropped (1013) rather than buffered without end. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/**
 * One loaded workshop document: the Y.Doc, its awareness, the sync connections on it and its
 * update log. Every change (from an editor's connection or from a live command applied by the
 * server) is broadcast at once and pushed to the log.
 */
export class Room {
	readonly awareness: awarenessProtocol.Awareness;
	readonly conns = new Set<WebSocket>();
	/** Holders: sync connections and live commands in progress. */
	refs = 0;
	log!: UpdateLog;

	constructor(
		readonly workshopId: string,
		readonly doc: Y.Doc,
		private readonly fanout: RedisFanout | null = null
	) {
		this.awareness = new awarenessProtocol.Awareness(doc);
		// The server has no presence of its own.
		this.awareness.setLocalState(null);
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			this.broadcast(syncMessage((e) => syncProtocol.writeUpdate(e, update)), origin);
			// Every instance holding the room stores what it applies, also what another instance sent
			// over Redis: if that one dies before its group commit, this copy is what survives (Yjs
			// updates are idempotent; the duplicate rows fold into one snapshot at compaction).
			this.log.push(update);
			if (origin !== FANOUT_ORIGIN) this.fanout?.publishUpdate(workshopId, update);
		});
		this.awareness.on(
			'update',
			({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
				const changed = added.concat(updated, removed);
				const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
				this.broadcast(awarenessMessage(update), origin === 'local' ? null : origin);
				if (origin !== FANOUT_ORIGIN) this.fanout?.publishAwareness(workshopId, update);
			}
		);
	}

	/** Sends to every connection except `except` (the one the change came from). */
	broadcast(message: Uint8Array, except: unknown = null): void {
		for (const ws of this.conns) if (ws !== except) send(ws, message);
	}

	destroy(): void {
		this.log.close();
		this.awareness.destroy();
		this.doc.destroy();
	}
}

export function syncMessage(write: (e: encoding.Encoder) => void): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE_SYNC);
	write(e);
	return encoding.toUint8Array(e);
}

export function awarenessMessage(update: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(e, update);
	return encoding.toUint8Array(e);
}

export function send(ws: WebSocket, message: Uint8Array): void {
	if (ws.readyState !== ws.OPEN) return;
	if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
		ws.close(1013, 'client too slow');
		return;
	}
	ws.send(message, (err) => {
		if (err) ws.terminate();
	});
}
