import { describe, expect, test } from 'vitest';
import { demote, promote, removeFromWorkshop } from '../../server/people/participant-rights.ts';
import { disableObserverLink, newObserverLink } from '../../server/people/observer-link.ts';
import { NotAllowed } from '../../server/people/require-can.ts';
import { findParticipant } from '../../server/db/repositories/participants.ts';
import { hasObserverLink } from '../../server/db/repositories/observers.ts';
import { loadConfig } from '../../server/config.ts';
import type { Actor } from '../../server/auth/actor.ts';
import type { ConnectionControl, Services } from '../../server/services.ts';
import { engines, useDatabase } from '../helpers/databases.ts';
import { aParticipant, aWorkshop } from './fixtures.ts';

/** The services with a ConnectionControl that records what it was asked to close. */
function servicesWith(db: Services['db']) {
	const closed: string[] = [];
	const connections: ConnectionControl = {
		participantRemoved: async (w, p) => void closed.push(`removed ${w} ${p}`),
		roleChanged: async (w, p) => void closed.push(`role ${w} ${p}`),
		observersRevoked: async (w) => void closed.push(`observers ${w}`)
	};
	const s: Services = { config: loadConfig({}), db, log: null as unknown as Services['log'], connections, limits: null as unknown as Services['limits'] };
	return { s, closed };
}

const facilitator = (id: string): Actor => ({ kind: 'facilitator', id, role: 'facilitator', displayName: 'Camille', category: 'facilitator' });
const editor: Actor = { kind: 'participant', id: 'p', role: 'editor', displayName: 'Alex', category: 'agent' };

describe.each(engines())('%s people services', (engine) => {
	const db = useDatabase(engine);

	test('promote, demote and remove change the row and close that person’s connections', async () => {
		const { s, closed } = servicesWith(db());
		const w = await aWorkshop(db());
		const p = await aParticipant(db(), w.id);
		const f = facilitator(w.createdBy);
		expect((await promote(s, f, w.id, p.id))?.id).toBe(p.id);
		expect((await findParticipant(db(), p.id))?.role).toBe('editor');
		await demote(s, f, w.id, p.id);
		expect((await findParticipant(db(), p.id))?.role).toBe('participant');
		await removeFromWorkshop(s, f, w.id, p.id);
		expect((await findParticipant(db(), p.id))?.removedAt).not.toBeNull();
		expect(closed).toEqual([`role ${w.id} ${p.id}`, `role ${w.id} ${p.id}`, `removed ${w.id} ${p.id}`]);
	});

	test('someone of another workshop, or removed, is not found and nothing is closed', async () => {
		const { s, closed } = servicesWith(db());
		const w = await aWorkshop(db());
		const other = await aParticipant(db(), (await aWorkshop(db())).id);
		const f = facilitator(w.createdBy);
		expect(await promote(s, f, w.id, other.id)).toBeNull();
		expect(await removeFromWorkshop(s, f, w.id, 'nobody')).toBeNull();
		const p = await aParticipant(db(), w.id);
		await removeFromWorkshop(s, f, w.id, p.id);
		expect(await removeFromWorkshop(s, f, w.id, p.id)).toBeNull();
		expect(closed).toEqual([`removed ${w.id} ${p.id}`]);
	});

	test('a new or disabled observer link ends the observers’ connections', async () => {
		const { s, closed } = servicesWith(db());
		const w = await aWorkshop(db());
		const f = facilitator(w.createdBy);
		expect(await newObserverLink(s, f, w.id)).toMatch(/^[a-z2-7]+$/);
		expect(await hasObserverLink(db(), w.id)).toBe(true);
		await disableObserverLink(s, f, w.id);
		expect(await hasObserverLink(db(), w.id)).toBe(false);
		expect(closed).toEqual([`observers ${w.id}`, `observers ${w.id}`]);
	});

	test('the services check the permission table themselves', async () => {
		const { s, closed } = servicesWith(db());
		const w = await aWorkshop(db());
		const p = await aParticipant(db(), w.id);
		await expect(promote(s, editor, w.id, p.id)).rejects.toThrow(NotAllowed);
		await expect(newObserverLink(s, editor, w.id)).rejects.toThrow(NotAllowed);
		expect((await findParticipant(db(), p.id))?.role).toBe('participant');
		expect(closed).toEqual([]);
	});
});
