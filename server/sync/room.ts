import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import type { UpdateLog } from './update-log.ts';
import type { SharedDoc, UpdateSink } from './shared-doc.ts';
import { RoomMessage, sendTo, type SyncSocket } from './sync-socket.ts';
import { MESSAGE_AWARENESS, MESSAGE_SYNC } from './message-types.ts';
import { keepRemoteEntries } from './awareness-filter.ts';
import type { ReadOnlyPast } from '../db/repositories/read-only-writes.ts';

export interface RoomParts {
	workshopId: string;
	/** Already holding the stored state: what is applied before the room listens is not written back. */
	doc: Y.Doc;
	/** Stores every document update; a live command waits on it before it is acknowledged. */
	log: UpdateLog;
	/** Told of every change after the log, e.g. the fan-out to other instances. */
	sinks?: UpdateSink[];
	/**
	 * Keeps what read-only connections tried to write beyond the room's life and for the other
	 * instances (the database); the gate restores it into the room a promoted person connects to.
	 */
	readOnlyStore?: ReadOnlyStore;
}

export interface ReadOnlyStore {
	remember(personId: string, past: ReadOnlyPast): void;
	startedAfresh(personId: string): void;
}

/**
 * One loaded workshop document: the Y.Doc, its awareness, the sync connections on it and its
 * update log. Every change (from an editor's connection, from a live command applied by the
 * server or from another instance) is broadcast at once, then handed to each sink. The room
 * knows its sinks only by that interface: what to store or publish is theirs to decide.
 */
export class Room implements SharedDoc {
	readonly workshopId: string;
	readonly doc: Y.Doc;
	readonly awareness: awarenessProtocol.Awareness;
	readonly log: UpdateLog;
	readonly conns = new Set<SyncSocket>();
	/** Holders: sync connections and live commands in progress. */
	refs = 0;
	private readonly sinks: readonly UpdateSink[];
	/** Awareness client ids and the person whose connection first announced each, for the room's life. */
	private readonly clientOwners = new Map<number, string>();
	/**
	 * Yjs client ids a person's read-only connection wrote new structs with, by person: only that
	 * person's later updates are checked against them, so nobody can block another's writes by
	 * forging their client id.
	 */
	private readonly readOnlyWriters = new Map<string, Set<number>>();
	private readonly readOnlyPeople = new Set<string>();
	private readonly readOnlyStore: ReadOnlyStore | undefined;

	constructor({ workshopId, doc, log, sinks = [], readOnlyStore }: RoomParts) {
		this.workshopId = workshopId;
		this.readOnlyStore = readOnlyStore;
		this.doc = doc;
		this.log = log;
		this.sinks = [log, ...sinks];
		this.awareness = new awarenessProtocol.Awareness(doc);
		// The server has no presence of its own.
		this.awareness.setLocalState(null);
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			this.broadcast(syncMessage((e) => syncProtocol.writeUpdate(e, update)), origin);
			for (const sink of this.sinks) sink.onUpdate?.(update, origin);
		});
		this.awareness.on(
			'update',
			({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
				const changed = added.concat(updated, removed);
				const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
				this.broadcast(awarenessMessage(update), origin);
				for (const sink of this.sinks) sink.onAwareness?.(update, origin);
			}
		);
	}

	/**
	 * The person who owns awareness client id `clientId` in this room: the first to announce it
	 * (`claimant` now, if nobody has). A client id once owned stays theirs while the room is
	 * loaded, so nobody can take over a facilitator's presence after they disconnect either.
	 * With several instances, ids announced elsewhere are registered as their states arrive
	 * (see remoteAwareness).
	 */
	clientOwner(clientId: number, claimant: string): string {
		const owner = this.clientOwners.get(clientId);
		if (owner !== undefined) return owner;
		this.clientOwners.set(clientId, claimant);
		return claimant;
	}

	/**
	 * An awareness update from another instance, as this room applies it: its client ids become
	 * owned by the people stamped on them (no connection here can claim them), and entries for
	 * ids owned here by someone else are dropped. Null when nothing is left.
	 */
	remoteAwareness(update: Uint8Array): Uint8Array | null {
		return keepRemoteEntries(update, (clientId, personId) => this.clientOwner(clientId, personId) === personId);
	}

	/**
	 * Remembers an update dropped from `personId`'s read-only connection: the client ids it
	 * brought new structs for (`to`: each client's next clock in the update), beyond what the
	 * document already holds.
	 */
	droppedWrites(personId: string, to: ReadonlyMap<number, number>): void {
		const first = !this.readOnlyPeople.has(personId);
		this.readOnlyPeople.add(personId);
		const known = Y.encodeStateVector(this.doc);
		const have = Y.decodeStateVector(known);
		const mine = this.readOnlyWriters.get(personId) ?? new Set<number>();
		const before = mine.size;
		for (const [client, clock] of to) if (clock > (have.get(client) ?? 0)) mine.add(client);
		if (mine.size) this.readOnlyWriters.set(personId, mine);
		// Stored once per new fact, not per dropped update (a read-only phone may keep sending).
		if (first || mine.size > before) this.readOnlyStore?.remember(personId, { tried: true, clientIds: [...mine] });
	}

	/** What this person's read-only connections tried to write, as stored (on any instance, in an earlier life of the room). */
	restoreReadOnlyPast(personId: string, past: ReadOnlyPast): void {
		if (past.tried) this.readOnlyPeople.add(personId);
		if (past.clientIds.length === 0) return;
		const mine = this.readOnlyWriters.get(personId) ?? new Set<number>();
		for (const id of past.clientIds) mine.add(id);
		this.readOnlyWriters.set(personId, mine);
	}

	/** True when anything this person's read-only connection wrote is still remembered. */
	hasReadOnlyPast(personId: string): boolean {
		return this.readOnlyPeople.has(personId) || this.readOnlyWriters.has(personId);
	}

	/** True when this person's read-only connection once tried to change the document. */
	triedWriting(personId: string): boolean {
		return this.readOnlyPeople.has(personId);
	}

	/** This person's writable connection started from the server's document: their later catch-ups are theirs. */
	startedAfresh(personId: string): void {
		this.readOnlyPeople.delete(personId);
		this.readOnlyStore?.startedAfresh(personId);
	}

	/** True when this person's update carries edits of a document that wrote while it was read-only. */
	wroteWhileReadOnly(personId: string, clientIds: Iterable<number>): boolean {
		const mine = this.readOnlyWriters.get(personId);
		if (!mine) return false;
		for (const id of clientIds) if (mine.has(id)) return true;
		return false;
	}

	/** Sends to every connection except `except` (the one the change came from). */
	broadcast(message: Uint8Array, except: unknown = null): void {
		// Encoded once, wrapped once (`ws` would wrap a Uint8Array that is not a Buffer in a new
		// Buffer for every socket), and framed once by the first socket that sends it.
		const payload = Buffer.isBuffer(message) ? message : Buffer.from(message.buffer, message.byteOffset, message.byteLength);
		const shared = new RoomMessage(payload);
		for (const socket of this.conns) if (socket !== except) sendTo(socket, shared);
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
