/**
 * A fresh id for a note or a command (matches the live protocol's COMMAND_ID_PATTERN).
 * `crypto.randomUUID` exists only in secure contexts, and a workshop served over plain HTTP
 * on a local network (phones on the room's Wi-Fi) is not one; `getRandomValues` always is.
 */
export function newClientId(): string {
	if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
