import { beforeAll, describe, expect, test } from 'vitest';
import { resolveActor } from '../../server/auth/actor.ts';
import { FACILITATOR_COOKIE, participantCookie } from '../../server/auth/cookies.ts';
import { createSession } from '../../server/db/repositories/sessions.ts';
import type { Facilitator } from '../../server/db/repositories/facilitators.ts';
import type { Participant } from '../../server/db/repositories/participants.ts';
import type { Workshop } from '../../server/db/repositories/workshops.ts';
import { engines, useDatabase } from '../helpers/databases.ts';
import { aFacilitator, aParticipant, aWorkshop } from './fixtures.ts';

const DAYS = 30;
const NOW = new Date('2025-03-01T09:00:00.000Z');
const cookie = (pairs: Record<string, string>) =>
	Object.entries(pairs)
		.map(([k, v]) => `${k}=${v}`)
		.join('; ');

describe.each(engines())('%s resolveActor', (engine) => {
	const db = useDatabase(engine);
	let alix: Facilitator;
	let sacha: Facilitator;
	let a: Workshop;
	let b: Workshop;
	let dominique: Participant;
	let alixToken: string;
	let sachaToken: string;
	let dominiqueToken: string;

	beforeAll(async () => {
		alix = await aFacilitator(db(), 'Alix');
		sacha = await aFacilitator(db(), 'Sacha');
		a = await aWorkshop(db(), alix.id);
		b = await aWorkshop(db(), sacha.id);
		dominique = await aParticipant(db(), a.id, 'elu');
		alixToken = (await createSession(db(), { facilitatorId: alix.id }, NOW, DAYS)).token;
		sachaToken = (await createSession(db(), { facilitatorId: sacha.id }, NOW, DAYS)).token;
		dominiqueToken = (await createSession(db(), { participantId: dominique.id }, NOW, DAYS)).token;
	});

	const resolve = (workshopId: string, header: string | undefined, now = NOW) =>
		resolveActor(db(), workshopId, header, now, DAYS);

	test('the facilitator of the workshop acts as facilitator', async () => {
		expect(await resolve(a.id, cookie({ [FACILITATOR_COOKIE]: alixToken }))).toEqual({
			actor: { kind: 'facilitator', id: alix.id, role: 'facilitator', displayName: 'Alix', category: 'facilitator' }
		});
	});

	test("a facilitator of another workshop is forbidden, not taken for this one's", async () => {
		expect(await resolve(a.id, cookie({ [FACILITATOR_COOKIE]: sachaToken }))).toEqual({ refusal: 'forbidden' });
	});

	test('a participant of the workshop acts as participant, with their category', async () => {
		expect(await resolve(a.id, cookie({ [participantCookie(a.id)]: dominiqueToken }))).toEqual({
			actor: { kind: 'participant', id: dominique.id, role: 'participant', displayName: 'Dominique', category: 'elu' }
		});
	});

	test("a participant promoted to editor gets the editor's role", async () => {
		const editor = await aParticipant(db(), a.id, 'agent');
		await db().query(`UPDATE participant SET role = 'editor' WHERE id = $1`, [editor.id]);
		const { token } = await createSession(db(), { participantId: editor.id }, NOW, DAYS);
		const r = await resolve(a.id, cookie({ [participantCookie(a.id)]: token }));
		expect(r).toMatchObject({ actor: { kind: 'participant', role: 'editor', category: 'agent' } });
	});

	test("a participant cookie made for workshop A, renamed to workshop B's cookie, is refused on B", async () => {
		expect(await resolve(b.id, cookie({ [participantCookie(b.id)]: dominiqueToken }))).toEqual({ refusal: 'forbidden' });
	});

	test("workshop A's participant cookie is not even read on workshop B", async () => {
		expect(await resolve(b.id, cookie({ [participantCookie(a.id)]: dominiqueToken }))).toEqual({ refusal: 'no_session' });
	});

	test('an expired session is refused as expired, so the client can ask to sign in again', async () => {
		const { token } = await createSession(db(), { participantId: dominique.id }, NOW, 1);
		const later = new Date(NOW.getTime() + 2 * 24 * 60 * 60 * 1000);
		expect(await resolve(a.id, cookie({ [participantCookie(a.id)]: token }), later)).toEqual({ refusal: 'expired_session' });
		const f = await createSession(db(), { facilitatorId: alix.id }, NOW, 1);
		expect(await resolve(a.id, cookie({ [FACILITATOR_COOKIE]: f.token }), later)).toEqual({ refusal: 'expired_session' });
	});

	test('an unknown or forged token counts as an ended session', async () => {
		const forged = 'abcdefghijklmnopqrstuvwxyz234567';
		expect(await resolve(a.id, cookie({ [FACILITATOR_COOKIE]: forged }))).toEqual({ refusal: 'expired_session' });
		expect(await resolve(a.id, cookie({ [participantCookie(a.id)]: 'not a token' }))).toEqual({ refusal: 'expired_session' });
	});

	test('without a session cookie there is no session', async () => {
		expect(await resolve(a.id, undefined)).toEqual({ refusal: 'no_session' });
		expect(await resolve(a.id, '')).toEqual({ refusal: 'no_session' });
		expect(await resolve(a.id, 'concerto_lang=fr; other=1')).toEqual({ refusal: 'no_session' });
	});

	test('a participant session sent as the facilitator cookie does not make a facilitator', async () => {
		expect(await resolve(a.id, cookie({ [FACILITATOR_COOKIE]: dominiqueToken }))).toEqual({ refusal: 'expired_session' });
	});

	test('a facilitator of another workshop who also joined this one as participant acts as participant', async () => {
		const r = await resolve(a.id, cookie({ [FACILITATOR_COOKIE]: sachaToken, [participantCookie(a.id)]: dominiqueToken }));
		expect(r).toMatchObject({ actor: { kind: 'participant', id: dominique.id } });
	});

	test('both cookies on own workshop: the facilitator wins', async () => {
		const r = await resolve(a.id, cookie({ [FACILITATOR_COOKIE]: alixToken, [participantCookie(a.id)]: dominiqueToken }));
		expect(r).toMatchObject({ actor: { kind: 'facilitator', id: alix.id } });
	});
});
