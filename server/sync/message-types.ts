/** y-websocket's message types (first varUint of every binary message). */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/** Close codes we use, so clients and logs can tell why a connection ended. */
export const CLOSE = {
	/** RFC 6455: the message could not be decoded. */
	malformed: 1007,
	/** RFC 6455: over the size limit (ws sends it itself when maxPayload is exceeded). */
	tooLarge: 1009,
	/** Server going down: reconnect later. */
	goingAway: 1001,
	/** RFC 6455 policy violation: over the message rate limit. */
	rateLimited: 1008,
	/** The message type is not part of the protocol. */
	unsupported: 1003,
	/**
	 * The session ended while connected (e.g. the facilitator removed this participant).
	 * y-websocket ≥ 3 treats 4400–4499 as permanent (like HTTP 4xx) and stops reconnecting.
	 */
	sessionEnded: 4401,
	/**
	 * The client's document holds edits it made while read-only (a promoted participant's
	 * provider resending them): they are refused, and the page must start from a new document.
	 * In 4400–4499, so the provider does not reconnect with the same document.
	 */
	staleDocument: 4409,
	/**
	 * The connection's rights changed (e.g. promoted to editor): reconnect to get the new ones.
	 * Outside 4400–4499 on purpose, so the unmodified provider reconnects by itself.
	 */
	rightsChanged: 4205
} as const;
