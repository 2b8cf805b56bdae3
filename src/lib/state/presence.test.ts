import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { Presence } from './presence.svelte.ts';
import { Follower } from './follower.svelte.ts';
import { insertNote } from '$lib/domain/board/notes';
import { readBoard } from '$lib/domain/board/board';
import type { PresenceUser } from '$lib/domain/board/presence';

const facilitator: PresenceUser = { id: 'f1', name: 'Camille', category: 'facilitator', role: 'facilitator' };
const participant: PresenceUser = { id: 'p1', name: 'Awa', category: 'agent', role: 'participant' };

function awareness(): Awareness {
	return new Awareness(new Y.Doc());
}

/** Sends `from`'s own state to `to`, as the server would relay it (with the stamped user). */
function relay(from: Awareness, to: Awareness, user: PresenceUser): void {
	const copy = awareness();
	copy.clientID = from.clientID;
	const meta = from.meta.get(from.clientID)!;
	copy.setLocalState({ ...from.getLocalState(), user });
	copy.meta.set(from.clientID, { ...meta, clock: meta.clock });
	applyAwarenessUpdate(to, encodeAwarenessUpdate(copy, [from.clientID]), 'server');
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Presence', () => {
	test('announces itself at once (clock past 0, which peers would ignore)', () => {
		const a = awareness();
		new Presence(a, participant);
		expect(a.meta.get(a.clientID)!.clock).toBeGreaterThan(0);
	});

	test('a participant sends nothing but its empty state', () => {
		const a = awareness();
		const p = new Presence(a, participant);
		p.setCursor({ x: 1, y: 2 });
		p.setDrag({ ids: ['n1'], dx: 1, dy: 1 });
		p.lead({ kind: 'note', id: 'n1' });
		p.toggleLeading();
		expect(a.getLocalState()).toEqual({});
		expect(p.leading).toBe(false);
	});

	test('a phone tells which persona field it types in, and the facilitator sees it by name until it leaves', () => {
		const phone = awareness();
		const board = awareness();
		const p = new Presence(phone, participant);
		const f = new Presence(board, facilitator);
		p.setEditing({ personaId: 'persona-1', field: 'situation' });
		relay(phone, board, participant);
		expect(f.editing).toEqual([{ clientId: phone.clientID, name: 'Awa', personaId: 'persona-1', field: 'situation' }]);
		p.setEditing(null);
		relay(phone, board, participant);
		expect(f.editing).toEqual([]);
	});

	test('a projector tab says it is a screen and sends no cursor nor lead', () => {
		const a = awareness();
		const p = new Presence(a, facilitator, { screen: true });
		p.setCursor({ x: 1, y: 2 });
		p.lead({ kind: 'note', id: 'n1' });
		expect(a.getLocalState()).toEqual({ screen: true });
	});

	test("a facilitator's cursor leaves at most about 20 times a second, the last position winning", async () => {
		const a = awareness();
		const p = new Presence(a, facilitator);
		let updates = 0;
		a.on('update', () => updates++);
		for (let i = 0; i < 10; i++) p.setCursor({ x: i, y: i });
		expect(updates).toBe(1);
		await wait(80);
		expect(updates).toBe(2);
		expect(a.getLocalState()).toMatchObject({ cursor: { x: 9, y: 9 } });
		p.setCursor(null); // leaving the board is sent at once
		expect(a.getLocalState()).toMatchObject({ cursor: null });
	});

	test('focus is sent only while leading; the same focus is not sent twice; stopping clears it', async () => {
		const a = awareness();
		const p = new Presence(a, facilitator);
		p.focusChanged({ kind: 'cluster', id: 'c1' });
		expect(a.getLocalState()?.lead).toBeUndefined();
		p.toggleLeading();
		expect(p.leading).toBe(true);
		expect(a.getLocalState()?.lead).toMatchObject({ focus: { kind: 'cluster', id: 'c1' } });
		await wait(60);
		let updates = 0;
		a.on('update', () => updates++);
		p.focusChanged({ kind: 'cluster', id: 'c1' });
		expect(updates).toBe(0);
		p.toggleLeading();
		expect(p.leading).toBe(false);
		expect(a.getLocalState()?.lead).toBeNull();
	});

	test('an area is sent in whole board units, and a sub-unit pan sends nothing', async () => {
		const a = awareness();
		const p = new Presence(a, facilitator);
		p.lead({ kind: 'area', x: 10.4, y: 20.6, width: 799.7, height: 0.2 });
		expect(a.getLocalState()?.lead?.focus).toEqual({ kind: 'area', x: 10, y: 21, width: 800, height: 1 });
		await wait(60);
		let updates = 0;
		a.on('update', () => updates++);
		p.focusChanged({ kind: 'area', x: 10.2, y: 20.9, width: 800.1, height: 0.4 });
		expect(updates).toBe(0);
	});

	test('destroying a writer leaves no ghost cursor or lead behind', () => {
		const a = awareness();
		const p = new Presence(a, facilitator);
		p.setCursor({ x: 1, y: 1 });
		p.lead({ kind: 'note', id: 'n1' });
		p.destroy();
		expect(a.getLocalState()).toMatchObject({ cursor: null, lead: null, drag: null });
	});
});

describe('Follower', () => {
	test("follows the leader's focus to the notes, can stop and resume", () => {
		const phone = awareness();
		const presence = new Presence(phone, participant);
		const doc = new Y.Doc();
		insertNote(doc, { id: 'n1', text: 'Guichet unique', x: 10, y: 10, color: 'yellow', authorId: 'p2', authorCategory: 'usager', createdAt: 1, updatedAt: 1 });
		const follower = new Follower(
			() => presence,
			() => readBoard(doc)
		);
		expect(follower.targets).toBeNull();

		const board = awareness();
		new Presence(board, facilitator).lead({ kind: 'note', id: 'n1' });
		relay(board, phone, facilitator);
		expect(presence.leader?.focus).toEqual({ kind: 'note', id: 'n1' });
		expect([...follower.highlighted]).toEqual(['n1']);
		expect(follower.targets?.label).toEqual({ kind: 'note', text: 'Guichet unique' });

		follower.stop();
		expect(follower.targets).toBeNull();
		expect(follower.highlighted.size).toBe(0);
		expect(follower.leader).not.toBeNull(); // the bar still offers to follow again
		follower.resume();
		expect([...follower.highlighted]).toEqual(['n1']);
	});
});
