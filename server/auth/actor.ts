import { parse } from 'cookie';
import type { Queryable } from '../db/db.ts';
import { validateSession } from '../db/repositories/sessions.ts';
import { hashToken } from './tokens.ts';
import { FACILITATOR_COOKIE, observerCookie, participantCookie } from './cookies.ts';
import { validObserverSession } from '../db/repositories/observers.ts';
import { isFacilitatorOf } from '../db/repositories/workshops.ts';
import { findFacilitator } from '../db/repositories/facilitators.ts';
import { findParticipant } from '../db/repositories/participants.ts';
import type { Role } from '../../src/lib/domain/permissions/roles.ts';
import type { Category } from '../../src/lib/domain/workshop/categories.ts';

/** Who is acting on a workshop, as the server decided from the session, never from the client. */
export interface Actor {
	kind: 'facilitator' | 'participant' | 'observer';
	id: string;
	role: Role;
	displayName: string;
	category: Category | 'facilitator' | 'observer';
}

export type ActorRefusal = 'no_session' | 'expired_session' | 'forbidden';

/**
 * Resolves the actor for `workshopId` from a request's Cookie header: a facilitator of that
 * workshop, else a current (not removed) participant whose session was made for that
 * workshop, else an observer whose session came from that workshop's observer link.
 */
export async function resolveActor(
	db: Queryable,
	workshopId: string,
	cookieHeader: string | undefined,
	now: Date,
	sessionDays: number
): Promise<{ actor: Actor } | { refusal: ActorRefusal }> {
	const cookies = parse(cookieHeader ?? '');
	const facilitatorToken = cookies[FACILITATOR_COOKIE];
	const participantToken = cookies[participantCookie(workshopId)];
	const observerToken = cookies[observerCookie(workshopId)];
	if (!facilitatorToken && !participantToken && !observerToken) return { refusal: 'no_session' };
	let sawValidSession = false;

	if (facilitatorToken) {
		const v = await validateSession(db, facilitatorToken, now, sessionDays);
		if (v?.session.facilitatorId) {
			sawValidSession = true;
			if (await isFacilitatorOf(db, workshopId, v.session.facilitatorId)) {
				const f = await findFacilitator(db, v.session.facilitatorId);
				if (f) return { actor: { kind: 'facilitator', id: f.id, role: 'facilitator', displayName: f.displayName, category: 'facilitator' } };
			}
		}
	}
	if (participantToken) {
		const v = await validateSession(db, participantToken, now, sessionDays);
		if (v?.session.participantId) {
			sawValidSession = true;
			const p = await findParticipant(db, v.session.participantId);
			if (p && p.workshopId === workshopId && p.removedAt === null) {
				return { actor: { kind: 'participant', id: p.id, role: p.role, displayName: p.displayName, category: p.category } };
			}
		}
	}
	if (observerToken && (await validObserverSession(db, workshopId, observerToken, now))) {
		// An id for logs and command records that reveals nothing of the token.
		return { actor: { kind: 'observer', id: `observer:${hashToken(observerToken).slice(0, 12)}`, role: 'observer', displayName: '', category: 'observer' } };
	}
	return { refusal: sawValidSession ? 'forbidden' : 'expired_session' };
}
