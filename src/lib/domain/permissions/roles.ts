/**
 * One permission table (role × action) for the whole product. The server checks every sync
 * upgrade and every live command against it; the UI reads it only to hide what would be refused.
 */
export type Role = 'facilitator' | 'editor' | 'participant' | 'observer' | 'owner';

export type Action = 'sync.read' | 'sync.write' | 'note.add' | 'workshop.manage';

const TABLE: Record<Role, readonly Action[]> = {
	facilitator: ['sync.read', 'sync.write', 'note.add', 'workshop.manage'],
	editor: ['sync.read', 'sync.write', 'note.add'],
	participant: ['sync.read', 'note.add'],
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
