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
