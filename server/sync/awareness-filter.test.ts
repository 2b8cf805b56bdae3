import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { filterAwarenessUpdate } from './awareness-filter.ts';
import { Room } from './room.ts';
import type { UpdateLog } from './update-log.ts';

const identity = { id: 'participant-1', name: 'Fatou', category: 'usager', role: 'participant' };

/** An awareness update as a y-websocket client would send it. */
function updateFrom(clientId: number, state: Record<string, unknown>): Uint8Array {
	const doc = new Y.Doc();
	doc.clientID = clientId;
	const a = new awarenessProtocol.Awareness(doc);
	a.setLocalState(state);
	const update = awarenessProtocol.encodeAwarenessUpdate(a, [clientId]);
	a.destroy();
	return update;
}

function statesOf(update: Uint8Array): Map<number, Record<string, unknown>> {
	const a = new awarenessProtocol.Awareness(new Y.Doc());
	awarenessProtocol.applyAwarenessUpdate(a, update, 'test');
	const states = new Map(a.getStates());
	states.delete(a.clientID);
	a.destroy();
	return states as Map<number, Record<string, unknown>>;
}

describe('awareness filter', () => {
	test('stamps the session identity, with its person key, over whatever the client claimed', () => {
		const lie = updateFrom(7, { cursor: { x: 1, y: 2 }, user: { id: 'someone-else', name: 'Maire', category: 'elu', role: 'facilitator' } });
		const out = filterAwarenessUpdate(lie, null, identity);
		expect(out?.clientId).toBe(7);
		expect(statesOf(out!.update).get(7)).toEqual({ cursor: { x: 1, y: 2 }, user: identity });
	});

	test("drops entries for another connection's client id", () => {
		expect(filterAwarenessUpdate(updateFrom(8, {}), 7, identity)).toBeNull();
	});

	test('a client id announced on another instance is owned here too: no local connection can claim it, its owner still can', () => {
		const room = new Room({ workshopId: 'w', doc: new Y.Doc(), log: { close() {} } as unknown as UpdateLog });
		const facilitator = { id: 'facilitator-1', name: 'Anne', category: 'facilitator', role: 'facilitator' };
		// The facilitator's state as their instance stamped it and published it through Redis.
		const fromOther = filterAwarenessUpdate(updateFrom(42, { lead: { phase: 'p1', at: 1 } }), null, facilitator)!.update;
		const kept = room.remoteAwareness(fromOther);
		expect(kept && statesOf(kept).get(42)).toMatchObject({ user: facilitator });
		// A participant connected here announces that client id first: refused.
		const takenByOther = (who: string) => (clientId: number) => room.clientOwner(clientId, who) !== who;
		expect(filterAwarenessUpdate(updateFrom(42, { lead: null }), null, identity, { takenByOther: takenByOther(identity.id), now: 2 })).toBeNull();
		// The facilitator reconnecting to this instance keeps it.
		expect(filterAwarenessUpdate(updateFrom(42, {}), null, facilitator, { takenByOther: takenByOther(facilitator.id), now: 2 })?.clientId).toBe(42);
		// A state from elsewhere for an id a person here owns is not applied.
		room.clientOwner(7, identity.id);
		expect(room.remoteAwareness(filterAwarenessUpdate(updateFrom(7, {}), null, facilitator)!.update)).toBeNull();
		room.destroy();
	});
});
