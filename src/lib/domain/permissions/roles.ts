/**
 * One permission table (role × action) for the whole product. The server checks every sync
 * upgrade and every live command against it; the UI reads it only to hide what would be refused.
 */
export type Role = 'facilitator' | 'editor' | 'participant' | 'observer' | 'owner';

/**
 * `live.command`: may send live commands at all (each command then checks its own action).
 * `workshop.manage`: phases, join settings, panel targets; `participants.manage`: promote,
 * remove; `roles.manage`: invite co-facilitators, open or replace the observer link.
 */
export type Action = 'sync.read' | 'sync.write' | 'live.command' | 'note.add' | 'workshop.manage' | 'participants.manage' | 'roles.manage';

const TABLE: Record<Role, readonly Action[]> = {
	facilitator: ['sync.read', 'sync.write', 'live.command', 'note.add', 'workshop.manage', 'participants.manage', 'roles.manage'],
	editor: ['sync.read', 'sync.write', 'live.command', 'note.add'],
	participant: ['sync.read', 'live.command', 'note.add'],
	observer: ['sync.read'],
	owner: []
};

export function can(role: Role, action: Action): boolean {
	return TABLE[role].includes(action);
}

/** What a sync connection may do, decided once per connection. */
export function syncAccess(role: Role): 'write' | 'read' | null {
	if (can(role, 'sync.write')) return 'write';
	if (can(role, 'sync.read')) return 'read';
	return null;
}
