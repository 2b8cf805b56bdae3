import pino from 'pino';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, test } from 'vitest';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/db.ts';
import { openConnection } from './connection.ts';
import { MESSAGE_AWARENESS, MESSAGE_SYNC } from './message-types.ts';
import { Room } from './room.ts';
import type { RoomMessage, SyncSocket } from './sync-socket.ts';
import { UpdateLog } from './update-log.ts';

/**
 * The trust rules of a sync connection, run on a room and in-memory sockets: no server, no ws.
 * Frames are built with y-protocols' own encoders, as a y-websocket client builds them.
 */

const silent = pino({ level: 'silent' });
const participant: Actor = { kind: 'participant', id: 'p-fatou', role: 'participant', displayName: 'Fatou', category: 'usager' };
const editor: Actor = { kind: 'participant', id: 'p-lea', role: 'editor', displayName: 'Léa', category: 'agent' };
const lead: Actor = { kind: 'facilitator', id: 'f-camille', role: 'facilitator', displayName: 'Camille', category: 'facilitator' };

/** No database here: the log's commit window outlasts every test and the room is destroyed after. */
const noDb: Db = {
	engine: 'pglite',
	query: () => Promise.reject(new Error('no database in this test')),
	transaction: () => Promise.reject(new Error('no database in this test')),
	close: async () => {}
};

const rooms: Room[] = [];
afterEach(() => rooms.splice(0).forEach((r) => r.destroy()));

/** A room whose sinks record what they are told (what the log would store, the fan-out publish). */
function aRoom() {
	const doc = new Y.Doc();
	const log = new UpdateLog(noDb, 'w', doc, { commitWindowMs: 60_000, compactEvery: 1000 }, silent, 0, 0);
	const told: string[] = [];
	const room = new Room({ workshopId: 'w', doc, log, sinks: [{ onUpdate: () => told.push('update'), onAwareness: () => told.push('awareness') }] });
	rooms.push(room);
	return { room, told };
}

/** The server's end of an in-memory connection: what the server sends to the client lands in `received`. */
class MemorySocket implements SyncSocket {
	isOpen = true;
	bufferedAmount = 0;
	received: Uint8Array[] = [];
	closedWith: { code: number; reason: string } | null = null;
	send(message: Uint8Array): void {
		this.received.push(message);
	}
	sendRoomMessage(message: RoomMessage): void {
		this.received.push(message.payload);
	}
	close(code: number, reason: string): void {
		this.isOpen = false;
		this.closedWith = { code, reason };
	}
}

function connect(room: Room, actor: Actor, readOnly: boolean) {
	const socket = new MemorySocket();
	const connection = openConnection(socket, room, { readOnly, actor, log: silent, rateCheck: () => 0 });
	socket.received.length = 0; // the greeting (SyncStep1, presence) is not what these tests look at
	return { socket, send: (frame: Uint8Array) => connection.receive(frame) };
}

/** A client document holding one note, as an editor's would. */
function clientDocWithNote(text: string): Y.Doc {
	const doc = new Y.Doc();
	doc.getMap('notes').set('n1', text);
	return doc;
}

function syncFrame(write: (e: encoding.Encoder) => void): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE_SYNC);
	write(e);
	return encoding.toUint8Array(e);
}

const syncStep2Frame = (client: Y.Doc) => syncFrame((e) => syncProtocol.writeSyncStep2(e, client));
const updateFrame = (client: Y.Doc) => syncFrame((e) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(client)));

function awarenessFrame(clientId: number, state: Record<string, unknown>): Uint8Array {
	const doc = new Y.Doc();
	doc.clientID = clientId;
	const awareness = new awarenessProtocol.Awareness(doc);
	awareness.setLocalState(state);
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [clientId]));
	awareness.destroy();
	return encoding.toUint8Array(e);
}

/** An awareness message written by hand, with the clock an attacker chooses. */
function rawAwarenessFrame(clientId: number, clock: number, state: Record<string, unknown>): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE_AWARENESS);
	const inner = encoding.createEncoder();
	encoding.writeVarUint(inner, 1);
	encoding.writeVarUint(inner, clientId);
	encoding.writeVarUint(inner, clock);
	encoding.writeVarString(inner, JSON.stringify(state));
	encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
	return encoding.toUint8Array(e);
}

/** Applies what a client received, as its provider would, to a fresh document and awareness. */
function asClientSees(received: Uint8Array[]) {
	const doc = new Y.Doc();
	const awareness = new awarenessProtocol.Awareness(doc);
	for (const message of received) {
		const decoder = decoding.createDecoder(message);
		const type = decoding.readVarUint(decoder);
		if (type === MESSAGE_SYNC) syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), doc, 'server');
		else if (type === MESSAGE_AWARENESS) awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), 'server');
	}
	return { notes: doc.getMap('notes').toJSON(), states: awareness.getStates() };
}

describe('a sync connection', () => {
	test.each([
		['SyncStep2', syncStep2Frame],
		['update', updateFrame]
	])('read-only: its %s message is dropped — the document is unchanged and nothing is broadcast', (_, frame) => {
		const { room, told } = aRoom();
		const reader = connect(room, participant, true);
		const other = connect(room, editor, false);

		reader.send(frame(clientDocWithNote('written around the commands')));

		expect(room.doc.getMap('notes').size).toBe(0);
		expect(other.socket.received).toEqual([]);
		expect(told).toEqual([]);
		// Dropped, not refused: the provider sends SyncStep2 on every connect, read-only or not.
		expect(reader.socket.closedWith).toBeNull();
	});

	test('read-write: its update is applied and broadcast to the other connections, not echoed back', () => {
		const { room, told } = aRoom();
		const writer = connect(room, editor, false);
		const reader = connect(room, participant, true);

		writer.send(updateFrame(clientDocWithNote('à la mairie')));

		expect(room.doc.getMap('notes').get('n1')).toBe('à la mairie');
		expect(asClientSees(reader.socket.received).notes).toEqual({ n1: 'à la mairie' });
		expect(writer.socket.received).toEqual([]);
		expect(told).toEqual(['update']);
	});

	test('awareness for a client id other than the one the connection announced is dropped', () => {
		const { room } = aRoom();
		const p = connect(room, participant, true);
		p.send(awarenessFrame(7, { cursor: { x: 1, y: 2 } }));
		p.send(awarenessFrame(8, { cursor: { x: 3, y: 4 } }));

		expect([...room.awareness.getStates().keys()]).toEqual([7]);
	});

	test('awareness `user` is replaced by the session’s identity, whatever the client claims', () => {
		const { room } = aRoom();
		const p = connect(room, participant, true);
		const other = connect(room, editor, false);

		p.send(awarenessFrame(7, { user: { id: 'p-lea', name: 'Léa', category: 'elu', role: 'facilitator' }, cursor: { x: 1, y: 2 } }));

		const stamped = { user: { id: 'p-fatou', name: 'Fatou', category: 'usager', role: 'participant' }, cursor: { x: 1, y: 2 } };
		expect(room.awareness.getStates().get(7)).toEqual(stamped);
		expect(asClientSees(other.socket.received).states.get(7)).toEqual(stamped);
	});

	test('a participant cannot claim the client id a facilitator announced, even after the facilitator left', () => {
		const { room } = aRoom();
		const facilitator = connect(room, lead, false);
		facilitator.send(awarenessFrame(42, { cursor: null, lead: { focus: { kind: 'item', id: 'n1' }, at: Date.now() } }));
		const intruder = connect(room, participant, true);
		// A higher clock and a lead dated far ahead: a provider receiving it would adopt it as its own.
		const planted = rawAwarenessFrame(42, 1000, { lead: { focus: { kind: 'item', id: 'n9' }, at: Date.now() + 3_600_000 } });
		intruder.send(planted);
		intruder.send(planted);
		expect((room.awareness.getStates().get(42) as { user: { id: string } }).user.id).toBe('f-camille');
		expect(facilitator.socket.received).toEqual([]);
		// The id stays the facilitator's while the room is loaded.
		const again = connect(room, participant, true);
		again.send(planted);
		expect((room.awareness.getStates().get(42) as { user: { id: string } }).user.id).toBe('f-camille');
	});

	test('only a facilitator’s state may lead, and never with a date ahead of the server’s clock', () => {
		const { room } = aRoom();
		const p = connect(room, participant, true);
		p.send(awarenessFrame(7, { lead: { focus: { kind: 'item', id: 'n1' }, at: 1 } }));
		expect(room.awareness.getStates().get(7)).toMatchObject({ lead: null });
		const f = connect(room, lead, false);
		const before = Date.now();
		f.send(awarenessFrame(8, { lead: { focus: { kind: 'item', id: 'n1' }, at: before + 3_600_000 } }));
		const at = (room.awareness.getStates().get(8) as { lead: { at: number } }).lead.at;
		expect(at).toBeGreaterThanOrEqual(before);
		expect(at).toBeLessThanOrEqual(Date.now());
	});

	test('an awareness state over the role’s size closes the connection; past 30 a second, updates are dropped', () => {
		const { room } = aRoom();
		const big = connect(room, participant, true);
		big.send(awarenessFrame(7, { cursor: { x: 1, y: 2 }, pad: 'x'.repeat(3000) }));
		expect(big.socket.closedWith?.code).toBe(1009);
		expect(room.awareness.getStates().has(7)).toBe(false);

		const chatty = connect(room, participant, true);
		const watcher = connect(room, editor, false);
		for (let i = 0; i < 200; i++) chatty.send(awarenessFrame(9, { cursor: { x: i, y: 0 } }));
		expect(chatty.socket.closedWith).toBeNull();
		const relayed = watcher.socket.received.length;
		expect(relayed).toBeGreaterThan(0);
		expect(relayed).toBeLessThanOrEqual(61);
	});

	test('a facilitator, who drags and leads, may send twice the awareness rate of a participant', () => {
		const { room } = aRoom();
		const count = (actor: Actor, clientId: number) => {
			const sender = connect(room, actor, actor.role === 'participant');
			const watcher = connect(room, editor, false);
			for (let i = 1; i <= 300; i++) sender.send(rawAwarenessFrame(clientId, i, { cursor: { x: i, y: 0 } }));
			return watcher.socket.received.length;
		};
		const [byParticipant, byFacilitator] = [count(participant, 11), count(lead, 12)];
		expect(byParticipant).toBeLessThanOrEqual(65);
		expect(byFacilitator).toBeGreaterThan(100);
		expect(byFacilitator).toBeLessThanOrEqual(130);
	});

	test('what a participant wrote while read-only is never replayed once promoted: their old document is refused, a fresh one writes', () => {
		const { room } = aRoom();
		const facilitator = connect(room, editor, false);
		const shared = clientDocWithNote('écrit par l’équipe');
		facilitator.send(updateFrame(shared));

		// Read-only: the phone's document writes a note and deletes the team's; both are dropped.
		const phone = new Y.Doc();
		Y.applyUpdate(phone, Y.encodeStateAsUpdate(shared));
		phone.getMap('notes').set('n2', 'écrit sans droit');
		phone.getMap('notes').delete('n1');
		const reader = connect(room, participant, true);
		reader.send(updateFrame(phone));
		expect(room.doc.getMap('notes').toJSON()).toEqual({ n1: 'écrit par l’équipe' });

		// Promoted, the same provider reconnects with the same document and catches up.
		const promoted: Actor = { ...participant, role: 'editor' };
		const replay = connect(room, promoted, false);
		// A provider's SyncStep2 answers the server's state vector: only what the server lacks.
		const catchUp = (doc: Y.Doc) => syncFrame((e) => syncProtocol.writeSyncStep2(e, doc, Y.encodeStateVector(room.doc)));
		replay.send(catchUp(phone));
		expect(room.doc.getMap('notes').toJSON()).toEqual({ n1: 'écrit par l’équipe' });
		expect(replay.socket.closedWith?.code).toBe(4409);
		// A later update of that document is refused as well.
		const later = connect(room, promoted, false);
		phone.getMap('notes').set('n3', 'encore');
		later.send(updateFrame(phone));
		expect(room.doc.getMap('notes').has('n3')).toBe(false);

		// The page starts again from the server's document: its writes are theirs now.
		const fresh = new Y.Doc();
		Y.applyUpdate(fresh, Y.encodeStateAsUpdate(room.doc));
		const again = connect(room, promoted, false);
		again.send(catchUp(fresh));
		expect(again.socket.closedWith).toBeNull();
		fresh.getMap('notes').set('n4', 'écrit en éditeur');
		again.send(updateFrame(fresh));
		expect(room.doc.getMap('notes').get('n4')).toBe('écrit en éditeur');

		// A read-only connection forging the team's client id blocks nobody but itself.
		const forged = new Y.Doc();
		forged.clientID = shared.clientID;
		forged.getMap('notes').set('x', 'forgé');
		connect(room, { ...participant, id: 'p-other' }, true).send(updateFrame(forged));
		Y.applyUpdate(shared, Y.encodeStateAsUpdate(room.doc));
		shared.getMap('notes').set('n5', 'la suite');
		facilitator.send(updateFrame(shared));
		expect(room.doc.getMap('notes').get('n5')).toBe('la suite');
	});
});
