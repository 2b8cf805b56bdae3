import type { Services } from '../services.ts';
import type { Actor } from '../auth/actor.ts';
import { replaceObserverLink, revokeObserverLinks } from '../db/repositories/observers.ts';
import { requireCan } from './require-can.ts';

/*
 * The workshop's one observer link. Replacing or disabling it ends the sessions made from the
 * old link, so the open observer connections are closed here too (on every instance).
 */

/** A new observer link; the old one and its sessions end. Returns the token, shown once. */
export async function newObserverLink(s: Services, actor: Actor, workshopId: string): Promise<string> {
	requireCan(actor, 'roles.manage');
	const token = await replaceObserverLink(s.db, { workshopId, createdBy: actor.id });
	await s.connections?.observersRevoked(workshopId);
	return token;
}

/** No observer link any more; its sessions end. */
export async function disableObserverLink(s: Services, actor: Actor, workshopId: string): Promise<void> {
	requireCan(actor, 'roles.manage');
	await revokeObserverLinks(s.db, workshopId);
	await s.connections?.observersRevoked(workshopId);
}
