/**
 * Named moments of a page's start, as User Timing marks (`concerto:<name>`), so a test or a
 * developer's Performance panel can see where a phone's first seconds go (phone-budget.e2e.ts
 * prints them). Each name is marked once, the first time: later reconnections are not the start.
 * A mark costs microseconds; on the server there is no page to time. One more, `sync-early`, is
 * set by the page's inline head script when it opens the sync socket (src/lib/sync/early-sync-script.ts).
 */
export type StartMark = 'hydrated' | 'sync-connect' | 'sync-open' | 'sync-message' | 'yjs-applied' | 'synced' | 'board-read' | 'live-open' | 'live-state' | 'composer';

export function markOnce(name: StartMark): void {
	if (typeof window === 'undefined' || typeof performance?.mark !== 'function') return;
	const full = `concerto:${name}`;
	if (performance.getEntriesByName(full, 'mark').length === 0) performance.mark(full);
}
