import { describe, expect, test } from 'vitest';
import {
	createParticipant,
	eraseExpiredParticipantData,
	findParticipant,
	listParticipants,
	removeParticipant,
	setParticipantRole
} from '../../server/db/repositories/participants.ts';
import { getJoinSettings, updateJoinSettings } from '../../server/db/repositories/join-settings.ts';
import { acceptInvitation, createInvitation, findUsableInvitation, listFacilitators, listPendingInvitations, revokeInvitation } from '../../server/db/repositories/invitations.ts';
import { hasObserverLink, replaceObserverLink, revokeObserverLinks, startObserverSession, validObserverSession } from '../../server/db/repositories/observers.ts';
import { createSession, validateSession } from '../../server/db/repositories/sessions.ts';
import { isFacilitatorOf } from '../../server/db/repositories/workshops.ts';
import { resolveActor } from '../../server/auth/actor.ts';
import { observerCookie, participantCookie } from '../../server/auth/cookies.ts';
import { engines, useDatabase } from '../helpers/databases.ts';
import { aFacilitator, aParticipant, aWorkshop } from './fixtures.ts';

const NOW = new Date('2026-03-01T09:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;

describe.each(engines())('%s join settings', (engine) => {
	const db = useDatabase(engine);

	test('a new workshop is open and asks nothing optional', async () => {
		const w = await aWorkshop(db());
		expect(await getJoinSettings(db(), w.id)).toEqual({ open: true, askAgeBand: false, askGender: false, expectedPanel: { categories: {} } });
	});

	test('closing the join, asking questions and the expected panel are kept, each change leaving the others', async () => {
		const w = await aWorkshop(db());
		await updateJoinSettings(db(), w.id, { open: false });
		await updateJoinSettings(db(), w.id, { askGender: true, expectedPanel: { categories: { usager: 8, agent: 4 }, genderBalance: true } });
		expect(await getJoinSettings(db(), w.id)).toEqual({
			open: false,
			askAgeBand: false,
			askGender: true,
			expectedPanel: { categories: { usager: 8, agent: 4 }, genderBalance: true }
		});
	});
});

describe.each(engines())('%s participants: answers, roles, removal, retention', (engine) => {
	const db = useDatabase(engine);

	test('age band and gender are stored only as given; the anonymous flag is kept', async () => {
		const w = await aWorkshop(db());
		const p = await createParticipant(db(), { workshopId: w.id, displayName: 'Anonyme', category: 'usager', ageBand: '60-74', gender: null, anonymous: true });
		expect(await findParticipant(db(), p.id)).toMatchObject({ ageBand: '60-74', gender: null, anonymous: true });
	});

	test('promoting to editor and back changes the role; a removed participant leaves the list and loses every session', async () => {
		const w = await aWorkshop(db());
		const a = await aParticipant(db(), w.id, 'agent');
		const b = await aParticipant(db(), w.id, 'usager');
		expect(await setParticipantRole(db(), w.id, a.id, 'editor')).toBe(true);
		expect((await findParticipant(db(), a.id))!.role).toBe('editor');
		const { token } = await createSession(db(), { participantId: b.id }, NOW, 30);
		expect(await removeParticipant(db(), w.id, b.id, NOW)).toBe(true);
		expect(await validateSession(db(), token, NOW, 30)).toBeNull();
		expect((await listParticipants(db(), w.id)).map((p) => p.id)).toEqual([a.id]);
		expect((await findParticipant(db(), b.id))!.removedAt).toEqual(NOW);
		// Removed people cannot be promoted, nor removed twice; another workshop's facilitator cannot reach them.
		expect(await setParticipantRole(db(), w.id, b.id, 'editor')).toBe(false);
		expect(await removeParticipant(db(), w.id, b.id, NOW)).toBe(false);
		const other = await aWorkshop(db());
		expect(await removeParticipant(db(), other.id, a.id, NOW)).toBe(false);
	});

	test('retention erases name, age band and gender of those who joined long enough ago, keeps their category, ends their sessions', async () => {
		const w = await aWorkshop(db());
		const old = await createParticipant(db(), { workshopId: w.id, displayName: 'Nadia', category: 'usager', ageBand: '25-39', gender: 'woman' });
		const recent = await createParticipant(db(), { workshopId: w.id, displayName: 'Karim', category: 'agent' });
		await db().query('UPDATE participant SET created_at = $2 WHERE id = $1', [old.id, new Date(NOW.getTime() - 200 * DAY)]);
		await db().query('UPDATE participant SET created_at = $2 WHERE id = $1', [recent.id, new Date(NOW.getTime() - 10 * DAY)]);
		const { token } = await createSession(db(), { participantId: old.id }, NOW, 30);
		expect(await eraseExpiredParticipantData(db(), NOW, 6)).toBeGreaterThanOrEqual(1);
		expect(await findParticipant(db(), old.id)).toMatchObject({ displayName: '', ageBand: null, gender: null, category: 'usager' });
		expect(await findParticipant(db(), recent.id)).toMatchObject({ displayName: 'Karim' });
		expect(await validateSession(db(), token, NOW, 30)).toBeNull();
	});
});

describe.each(engines())('%s invitations and observer links', (engine) => {
	const db = useDatabase(engine);

	test('an invitation makes a facilitator co-facilitator once; it cannot be reused, and only its hash is stored', async () => {
		const owner = await aFacilitator(db(), 'Alix');
		const guest = await aFacilitator(db(), 'Sacha');
		const third = await aFacilitator(db(), 'Noa');
		const w = await aWorkshop(db(), owner.id);
		const { token } = await createInvitation(db(), { workshopId: w.id, createdBy: owner.id, now: NOW });
		expect(await db().query('SELECT 1 FROM invitation WHERE token_hash = $1', [token])).toEqual([]);
		expect(await listPendingInvitations(db(), w.id, NOW)).toHaveLength(1);
		expect(await acceptInvitation(db(), token, guest.id, NOW)).toBe(w.id);
		expect(await isFacilitatorOf(db(), w.id, guest.id)).toBe(true);
		expect(await acceptInvitation(db(), token, third.id, NOW)).toBeNull();
		expect(await isFacilitatorOf(db(), w.id, third.id)).toBe(false);
		expect((await listFacilitators(db(), w.id)).map((f) => f.role).sort()).toEqual(['co-facilitator', 'facilitator']);
	});

	test('expired and revoked invitations are refused', async () => {
		const owner = await aFacilitator(db());
		const guest = await aFacilitator(db());
		const w = await aWorkshop(db(), owner.id);
		const late = await createInvitation(db(), { workshopId: w.id, createdBy: owner.id, now: NOW });
		expect(await findUsableInvitation(db(), late.token, new Date(NOW.getTime() + 8 * DAY))).toBeNull();
		expect(await acceptInvitation(db(), late.token, guest.id, new Date(NOW.getTime() + 8 * DAY))).toBeNull();
		const revoked = await createInvitation(db(), { workshopId: w.id, createdBy: owner.id, now: NOW });
		expect(await revokeInvitation(db(), w.id, revoked.id, NOW)).toBe(true);
		expect(await acceptInvitation(db(), revoked.token, guest.id, NOW)).toBeNull();
		expect(await acceptInvitation(db(), 'not a token', guest.id, NOW)).toBeNull();
	});

	test('an observer link opens sessions for its workshop only; replacing or revoking it ends them', async () => {
		const f = await aFacilitator(db());
		const w = await aWorkshop(db(), f.id);
		const other = await aWorkshop(db(), f.id);
		const link = await replaceObserverLink(db(), { workshopId: w.id, createdBy: f.id });
		const session = (await startObserverSession(db(), link, NOW, 30))!;
		expect(session.workshopId).toBe(w.id);
		expect(await validObserverSession(db(), w.id, session.token, NOW)).toBe(true);
		expect(await validObserverSession(db(), other.id, session.token, NOW)).toBe(false);
		expect(await validObserverSession(db(), w.id, session.token, new Date(NOW.getTime() + 31 * DAY))).toBe(false);
		const newer = await replaceObserverLink(db(), { workshopId: w.id, createdBy: f.id });
		expect(await validObserverSession(db(), w.id, session.token, NOW)).toBe(false);
		expect(await startObserverSession(db(), link, NOW, 30)).toBeNull();
		const second = (await startObserverSession(db(), newer, NOW, 30))!;
		await revokeObserverLinks(db(), w.id);
		expect(await hasObserverLink(db(), w.id)).toBe(false);
		expect(await validObserverSession(db(), w.id, second.token, NOW)).toBe(false);
	});
});

describe.each(engines())('%s resolveActor for removed participants and observers', (engine) => {
	const db = useDatabase(engine);

	test('a removed participant is refused even with a session that somehow survived', async () => {
		const w = await aWorkshop(db());
		const p = await aParticipant(db(), w.id);
		const { token } = await createSession(db(), { participantId: p.id }, NOW, 30);
		await db().query('UPDATE participant SET removed_at = $2 WHERE id = $1', [p.id, NOW]);
		expect(await resolveActor(db(), w.id, `${participantCookie(w.id)}=${token}`, NOW, 30)).toEqual({ refusal: 'forbidden' });
	});

	test('an observer session acts as observer on its workshop only', async () => {
		const f = await aFacilitator(db());
		const w = await aWorkshop(db(), f.id);
		const other = await aWorkshop(db(), f.id);
		const session = (await startObserverSession(db(), await replaceObserverLink(db(), { workshopId: w.id, createdBy: f.id }), NOW, 30))!;
		const resolved = await resolveActor(db(), w.id, `${observerCookie(w.id)}=${session.token}`, NOW, 30);
		expect(resolved).toMatchObject({ actor: { kind: 'observer', role: 'observer', category: 'observer' } });
		// The token is not in the actor's id (ids end up in logs).
		expect(JSON.stringify(resolved)).not.toContain(session.token.slice(0, 8));
		expect(await resolveActor(db(), other.id, `${observerCookie(other.id)}=${session.token}`, NOW, 30)).toEqual({ refusal: 'expired_session' });
	});
});
