import type * as Y from 'yjs';
import type * as awarenessProtocol from 'y-protocols/awareness';

/**
 * What a room shares with the parts around it: its document and its awareness. The fan-out
 * and the version keeper need no more than this, so they depend on it rather than on Room.
 */
export interface SharedDoc {
	readonly workshopId: string;
	readonly doc: Y.Doc;
	readonly awareness: awarenessProtocol.Awareness;
	/** Checks an awareness update from another instance before it is applied (client ids' owners); null: nothing to apply. */
	remoteAwareness?(update: Uint8Array): Uint8Array | null;
}

/**
 * Told of every change a room applies, with the change's origin (see origins.ts), after it has
 * been broadcast to the room's connections: the update log stores document updates, the
 * fan-out publishes both kinds to other instances. A sink decides itself what to skip.
 */
export interface UpdateSink {
	onUpdate?(update: Uint8Array, origin: unknown): void;
	/** `update` is an encoded awareness update of the entries that changed. */
	onAwareness?(update: Uint8Array, origin: unknown): void;
}
