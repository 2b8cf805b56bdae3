/**
 * The origins the server gives its Yjs transactions, in one place. An origin says where a
 * change came from, and the room and its sinks decide by it what to do with the change
 * (echo it or not, publish it to other instances or not). A sync connection's own changes
 * carry that connection's socket as origin, so they are not sent back to it.
 */

/** Changes the server writes itself for an accepted live command (validated, on an actor's behalf). */
export const LIVE_ORIGIN = 'live';

/** Changes that came from another instance: applied and shown, never re-sent or re-stored. */
export const FANOUT_ORIGIN = Symbol('fanout');

/** Changes read back from the database that this instance's copy lacked (see catch-up.ts). */
export const STORED_ORIGIN = Symbol('stored');
