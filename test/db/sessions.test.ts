import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { createSession, invalidateSession, validateSession } from '../../server/db/repositories/sessions.ts';
import { engines, useDatabase } from '../helpers/databases.ts';
import { aFacilitator, aParticipant, aWorkshop } from './fixtures.ts';

const DAY = 24 * 60 * 60 * 1000;
const DAYS = 30;
const T0 = new Date('2025-03-01T09:00:00.000Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);

describe.each(engines())('%s sessions', (engine) => {
	const db = useDatabase(engine);
	let facilitatorId: string;
	beforeAll(async () => {
		facilitatorId = (await aFacilitator(db())).id;
	});

	const storedExpiry = async (id: string) => {
		const rows = await db().query<{ expires_at: Date | string }>('SELECT expires_at FROM session WHERE id = $1', [id]);
		return rows[0] ? new Date(rows[0].expires_at) : null;
	};

	test('a new session validates with its owner and expiry', async () => {
		const { token, session } = await createSession(db(), { facilitatorId }, T0, DAYS);
		expect(session.expiresAt).toEqual(at(DAYS));
		const v = await validateSession(db(), token, at(1), DAYS);
		expect(v).toEqual({ session: { ...session }, renewed: false });
		expect(await storedExpiry(session.id)).toEqual(at(DAYS));
	});

	test('a participant session names the participant, not a facilitator', async () => {
		const w = await aWorkshop(db(), facilitatorId);
		const p = await aParticipant(db(), w.id, 'elu');
		const { token } = await createSession(db(), { participantId: p.id }, T0, DAYS);
		const v = await validateSession(db(), token, T0, DAYS);
		expect(v?.session).toMatchObject({ participantId: p.id, facilitatorId: null });
	});

	test('the token is never stored: only its SHA-256 is', async () => {
		const { token, session } = await createSession(db(), { facilitatorId }, T0, DAYS);
		const sha256 = createHash('sha256').update(token).digest('hex');
		expect(session.id).toBe(sha256);
		const rows = await db().query<Record<string, unknown>>('SELECT * FROM session WHERE id = $1', [sha256]);
		expect(rows).toHaveLength(1);
		expect(JSON.stringify(rows)).not.toContain(token);
		// A stolen copy of the table cannot be replayed as a cookie.
		expect(await validateSession(db(), sha256, T0, DAYS)).toBeNull();
	});

	test('an expired session is refused and its row deleted', async () => {
		const { token, session } = await createSession(db(), { facilitatorId }, T0, DAYS);
		expect(await validateSession(db(), token, at(DAYS), DAYS)).toBeNull();
		expect(await storedExpiry(session.id)).toBeNull();
		// Still refused later, now that the row is gone.
		expect(await validateSession(db(), token, at(1), DAYS)).toBeNull();
	});

	test('past half its life a session is extended and says so, so the cookie is re-sent', async () => {
		const { token, session } = await createSession(db(), { facilitatorId }, T0, DAYS);
		const early = await validateSession(db(), token, at(DAYS / 2 - 1), DAYS);
		expect(early?.renewed).toBe(false);
		expect(await storedExpiry(session.id)).toEqual(at(DAYS));

		const late = await validateSession(db(), token, at(DAYS / 2 + 1), DAYS);
		expect(late?.renewed).toBe(true);
		expect(late?.session.expiresAt).toEqual(at(DAYS / 2 + 1 + DAYS));
		expect(await storedExpiry(session.id)).toEqual(at(DAYS / 2 + 1 + DAYS));
		// Still valid after the original expiry.
		expect(await validateSession(db(), token, at(DAYS + 1), DAYS)).not.toBeNull();
	});

	test('signing out invalidates the session', async () => {
		const { token, session } = await createSession(db(), { facilitatorId }, T0, DAYS);
		await invalidateSession(db(), token);
		expect(await validateSession(db(), token, T0, DAYS)).toBeNull();
		expect(await storedExpiry(session.id)).toBeNull();
	});

	test.each([
		['empty', ''],
		['too short', 'abcdefgh'],
		['upper case', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'],
		['SQL', "' OR '1'='1' --aaaaaaaaaaaaaaa"],
		['too long', 'a'.repeat(65)]
	])('a malformed token (%s) is refused without a lookup', async (_label, token) => {
		expect(await validateSession(db(), token, T0, DAYS)).toBeNull();
	});

	test('a well-formed but unknown token is refused', async () => {
		expect(await validateSession(db(), 'abcdefghijklmnopqrstuvwxyz234567', T0, DAYS)).toBeNull();
	});
});
