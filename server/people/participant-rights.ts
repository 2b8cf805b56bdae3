import type { Services } from '../services.ts';
import type { Actor } from '../auth/actor.ts';
import { findParticipant, removeParticipant, setParticipantRole, type Participant } from '../db/repositories/participants.ts';
import { requireCan } from './require-can.ts';

/*
 * Changes to a participant's rights. Trust is decided once per connection, so each change
 * closes the person's open sync and live connections itself (on every instance): a route
 * calls one of these and cannot change rights while leaving old connections open.
 */

/** The participant if they are a current (not removed) participant of this workshop. */
async function participantIn(s: Services, workshopId: string, participantId: string): Promise<Participant | null> {
	const p = await findParticipant(s.db, participantId);
	return p && p.workshopId === workshopId && p.removedAt === null ? p : null;
}

async function setRole(s: Services, actor: Actor, workshopId: string, participantId: string, role: Participant['role']) {
	requireCan(actor, 'participants.manage');
	const p = await participantIn(s, workshopId, participantId);
	if (!p || !(await setParticipantRole(s.db, workshopId, p.id, role))) return null;
	// Their open connections were decided with the old role: closed, they reconnect with the new one.
	await s.connections?.roleChanged(workshopId, p.id);
	return p;
}

/** Makes a participant an editor (read-write on the board); null when there is no such participant. */
export function promote(s: Services, actor: Actor, workshopId: string, participantId: string): Promise<Participant | null> {
	return setRole(s, actor, workshopId, participantId, 'editor');
}

/** Makes an editor a plain participant again; null when there is no such participant. */
export function demote(s: Services, actor: Actor, workshopId: string, participantId: string): Promise<Participant | null> {
	return setRole(s, actor, workshopId, participantId, 'participant');
}

/** Removes a participant (their notes stay) and ends their session everywhere; null when there is no such participant. */
export async function removeFromWorkshop(s: Services, actor: Actor, workshopId: string, participantId: string): Promise<Participant | null> {
	requireCan(actor, 'participants.manage');
	const p = await participantIn(s, workshopId, participantId);
	if (!p || !(await removeParticipant(s.db, workshopId, p.id, new Date()))) return null;
	await s.connections?.participantRemoved(workshopId, p.id);
	return p;
}
