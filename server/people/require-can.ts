import type { Actor } from '../auth/actor.ts';
import { can, type Action } from '../../src/lib/domain/permissions/roles.ts';

/** Raised when a service is asked for something the actor's role may not do. */
export class NotAllowed extends Error {
	override name = 'NotAllowed';
}

/**
 * Services check the permission table again, whatever their caller checked: a new route that
 * forgets `requireRight` still changes nothing it should not (it fails with a 500, not a change).
 */
export function requireCan(actor: Actor, action: Action): void {
	if (!can(actor.role, action)) throw new NotAllowed(`${actor.role} may not ${action}`);
}
