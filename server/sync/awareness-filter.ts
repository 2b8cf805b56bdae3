import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** The identity the server stamps on a connection's awareness state, from its session. */
export interface AwarenessIdentity {
	/**
	 * The actor's id (participant, facilitator or observer session), so presence counts a person
	 * once across tabs; the page knows its own from its session. Shared within the workshop only.
	 */
	id: string;
	name: string;
	category: string;
	role: string;
}

/**
 * The largest awareness state a connection may publish, by role: a participant's cursor and
 * name fit in far less; a facilitator's also carries what they lead. A state is sent to every
 * screen in the room and to each phone that joins, so its size is everyone's cost.
 */
export const AWARENESS_STATE_MAX_BYTES = { facilitator: 16_384, other: 2_048 } as const;
/**
 * Awareness messages per second per connection (burst ×2), by role: a participant's cursor at
 * 20 Hz fits; a facilitator also drags notes and leads ("follow me"), so twice as many. More are dropped.
 */
export const AWARENESS_MESSAGES_PER_SECOND = { facilitator: 60, other: 30 } as const;

export interface AwarenessRules {
	/** True when `clientId` belongs (or once belonged, in this room) to another connection's person. */
	takenByOther(clientId: number): boolean;
	/** The server's clock: a `lead` dated later is brought back to now. */
	now: number;
}

/** Thrown when a state is over its role's size: the connection is closed as "too large". */
export class AwarenessTooLarge extends RangeError {}

/**
 * Keeps only the entries of an awareness update that belong to `ownClientId` (the first
 * client id this connection announced) and overwrites their `user` with the session's
 * identity, so nobody can impersonate another participant or remove their cursor.
 * A first client id that another person's connection owns is refused (null), so nobody can
 * plant a state in someone else's provider. Leading ("follow me") is the server's call from the
 * session's role: a non-facilitator's `lead` is dropped, and a facilitator's cannot be dated in
 * the future to outrank every other. Returns null when nothing is left. Throws on a malformed
 * update, and AwarenessTooLarge over the role's size.
 */
export function filterAwarenessUpdate(
	update: Uint8Array,
	ownClientId: number | null,
	identity: AwarenessIdentity,
	rules: AwarenessRules = { takenByOther: () => false, now: Date.now() }
): { update: Uint8Array; clientId: number } | null {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	if (count > 1000) throw new RangeError('too many awareness entries');
	const maxBytes = identity.role === 'facilitator' ? AWARENESS_STATE_MAX_BYTES.facilitator : AWARENESS_STATE_MAX_BYTES.other;
	const kept: Array<{ clientId: number; clock: number; state: string }> = [];
	for (let i = 0; i < count; i++) {
		const clientId = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		const raw = decoding.readVarString(decoder);
		const owner = ownClientId ?? clientId;
		if (clientId !== owner) continue;
		if (ownClientId === null && rules.takenByOther(clientId)) continue;
		if (raw.length > maxBytes) throw new AwarenessTooLarge(`awareness state over ${maxBytes} bytes`);
		const state: unknown = JSON.parse(raw);
		if (state !== null && (typeof state !== 'object' || Array.isArray(state))) throw new TypeError('awareness state must be an object or null');
		const stamped = state === null ? null : { ...(state as Record<string, unknown>), ...leadOf(state as Record<string, unknown>, identity, rules.now), user: identity };
		kept.push({ clientId, clock, state: JSON.stringify(stamped) });
		ownClientId = owner;
	}
	if (kept.length === 0) return null;
	return { update: encodeEntries(kept), clientId: kept[0].clientId };
}

/** The `lead` field as the server lets it through: none for non-facilitators, never dated ahead of `now`. */
function leadOf(state: Record<string, unknown>, identity: AwarenessIdentity, now: number): { lead?: unknown } {
	if (!('lead' in state)) return {};
	const lead = state.lead;
	if (identity.role !== 'facilitator' || lead === null || typeof lead !== 'object' || Array.isArray(lead)) return { lead: null };
	const at = (lead as Record<string, unknown>).at;
	return { lead: { ...lead, at: typeof at === 'number' && Number.isFinite(at) ? Math.min(at, now) : now } };
}

/**
 * An awareness update from another instance (already filtered and stamped there): each entry's
 * client id is claimed for the person stamped on it (`user.id`) through `claim`, which answers
 * whether that person owns it here. Entries for client ids owned here by someone else are
 * dropped; so a client id announced on any instance is owned there and everywhere else once its
 * state crossed. A removal (null state) comes from the instance that owns it and is kept.
 * Returns null when nothing is left; throws on a malformed update.
 */
export function keepRemoteEntries(update: Uint8Array, claim: (clientId: number, personId: string) => boolean): Uint8Array | null {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	if (count > 1000) throw new RangeError('too many awareness entries');
	const kept: Array<{ clientId: number; clock: number; state: string }> = [];
	for (let i = 0; i < count; i++) {
		const clientId = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		const state = decoding.readVarString(decoder);
		const parsed = JSON.parse(state) as { user?: { id?: unknown } } | null;
		const personId = parsed?.user?.id;
		if (parsed !== null && (typeof personId !== 'string' || !claim(clientId, personId))) continue;
		kept.push({ clientId, clock, state });
	}
	if (kept.length === 0) return null;
	return encodeEntries(kept);
}

/** An awareness update in y-protocols' layout: a count, then each entry's client id, clock and JSON state. */
function encodeEntries(entries: readonly { clientId: number; clock: number; state: string }[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const e of entries) {
		encoding.writeVarUint(encoder, e.clientId);
		encoding.writeVarUint(encoder, e.clock);
		encoding.writeVarString(encoder, e.state);
	}
	return encoding.toUint8Array(encoder);
}
