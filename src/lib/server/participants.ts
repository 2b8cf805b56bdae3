import type { Cookies } from '@sveltejs/kit';
import type { Services } from '$server/services';
import { participantCookie, sessionCookieOptions } from '$server/auth/cookies';
import { createSession, validateSession } from '$server/db/repositories/sessions';
import { createParticipant, findParticipant, workshopRetentionMonths, type Participant } from '$server/db/repositories/participants';
import type { Category } from '$lib/domain/workshop/categories';
import type { AgeBand, Gender } from '$lib/domain/workshop/panel';

/** The participant this browser already is in `workshopId`, from that workshop's own cookie. */
export async function currentParticipant(s: Services, cookies: Cookies, workshopId: string): Promise<Participant | null> {
	const name = participantCookie(workshopId);
	const token = cookies.get(name);
	if (!token) return null;
	const valid = await validateSession(s.db, token, new Date(), s.config.sessionDays);
	const participant = valid?.session.participantId ? await findParticipant(s.db, valid.session.participantId) : null;
	if (!valid || !participant || participant.workshopId !== workshopId || participant.removedAt !== null) {
		cookies.delete(name, { path: '/' });
		return null;
	}
	// Sliding expiry: the database extended the session, so the cookie must follow.
	if (valid.renewed) cookies.set(name, token, sessionCookieOptions(s.config, valid.session.expiresAt));
	return participant;
}

/** Registers a participant and gives this browser its session for that workshop only. */
export async function joinWorkshop(
	s: Services,
	cookies: Cookies,
	input: { workshopId: string; displayName: string; category: Category; ageBand: AgeBand | null; gender: Gender | null; anonymous: boolean }
): Promise<Participant> {
	// The period the join notice showed is recorded with them: a longer one set later never applies to them.
	const retentionMonths = await workshopRetentionMonths(s.db, input.workshopId, s.config.participantRetentionMonths);
	const participant = await createParticipant(s.db, { ...input, retentionMonths });
	const { token, session } = await createSession(s.db, { participantId: participant.id }, new Date(), s.config.sessionDays);
	cookies.set(participantCookie(input.workshopId), token, sessionCookieOptions(s.config, session.expiresAt));
	return participant;
}
