import type { Template, TemplateSession } from './schema.ts';

/** One session of a series as its page shows it: made or not, and whether it can be made now. */
export interface SessionState {
	session: TemplateSession;
	workshopId: string | null;
	/** A session is made once every earlier one is, so it can start with their notes. */
	canCreate: boolean;
}

export function sessionStates(template: Template, made: readonly { sessionKey: string; workshopId: string }[]): SessionState[] {
	const byKey = new Map(made.map((m) => [m.sessionKey, m.workshopId]));
	let earlierAllMade = true;
	return template.sessions.map((session) => {
		const workshopId = byKey.get(session.key) ?? null;
		const state = { session, workshopId, canCreate: workshopId === null && earlierAllMade };
		earlierAllMade &&= workshopId !== null;
		return state;
	});
}

/**
 * The workshops a session imports from that exist and that this facilitator does not
 * facilitate. Series rights follow the sessions' rights: their notes are not theirs to carry
 * over, so they may neither create that session nor import into it from those.
 */
export function sourcesNotFacilitated(
	template: Template,
	made: readonly { sessionKey: string; workshopId: string }[],
	sessionKey: string,
	facilitated: ReadonlySet<string>
): string[] {
	const session = template.sessions.find((s) => s.key === sessionKey);
	return (session?.importsFrom ?? [])
		.map((key) => made.find((m) => m.sessionKey === key)?.workshopId)
		.filter((id): id is string => id !== undefined && !facilitated.has(id));
}

/**
 * A series' page for one facilitator: which sessions are theirs, and a session can be created
 * only if they may read every session it imports from (`forbidden` when that alone stops them).
 */
export function sessionStatesFor(
	template: Template,
	made: readonly { sessionKey: string; workshopId: string }[],
	facilitated: ReadonlySet<string>
): Array<SessionState & { mine: boolean; forbidden: boolean }> {
	return sessionStates(template, made).map((st) => {
		const forbidden = st.canCreate && sourcesNotFacilitated(template, made, st.session.key, facilitated).length > 0;
		return { ...st, mine: st.workshopId !== null && facilitated.has(st.workshopId), canCreate: st.canCreate && !forbidden, forbidden };
	});
}
