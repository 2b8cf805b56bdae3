import type { LiveChannel } from './live.svelte';

const RETRY_UNAVAILABLE_MS = 3_000;

export interface PhaseOutbox<T> {
	/** What waited from an earlier page, if anything readable. */
	restore(): T | null;
	/** Keeps what waits (null: nothing does). */
	save(value: T | null): void;
	/** Runs `flush` now if connected, and on every reconnection. */
	flushOnConnect(flush: () => void): void;
	/** Sends again later while the connection is up and `still` holds (the database is away). */
	retryLater(still: () => boolean, send: () => void): void;
}

/**
 * What a phone's unsent work in one phase (dots, a poll answer) shares: it waits in
 * localStorage (per workshop and phase, so a reload keeps it), goes out again on every
 * reconnection, and is retried while the server answers `unavailable` on a live connection.
 */
export function phaseOutbox<T>(live: LiveChannel, kind: string, phaseId: string, read: (raw: unknown) => T | null): PhaseOutbox<T> {
	const key = `concerto.${kind}.${live.workshopId}.${phaseId}`;
	return {
		restore(): T | null {
			try {
				return read(JSON.parse(localStorage.getItem(key) ?? 'null'));
			} catch {
				return null; // Unreadable storage: nothing to restore.
			}
		},
		save(value: T | null): void {
			try {
				if (value === null) localStorage.removeItem(key);
				else localStorage.setItem(key, JSON.stringify(value));
			} catch {
				// Private browsing or a full quota: it still works for this page's life.
			}
		},
		flushOnConnect(flush: () => void): void {
			live.socket?.on('connect', flush);
			if (live.connected) flush();
		},
		retryLater(still: () => boolean, send: () => void): void {
			if (live.connected) setTimeout(() => still() && send(), RETRY_UNAVAILABLE_MS);
		}
	};
}
