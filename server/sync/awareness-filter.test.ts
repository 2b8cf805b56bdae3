import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { filterAwarenessUpdate } from './awareness-filter.ts';

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
});
