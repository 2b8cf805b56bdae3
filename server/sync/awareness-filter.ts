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
 * Keeps only the entries of an awareness update that belong to `ownClientId` (the first
 * client id this connection announced) and overwrites their `user` with the session's
 * identity, so nobody can impersonate another participant or remove their cursor.
 * Returns null when nothing is left. Throws on a malformed update.
 */
export function filterAwarenessUpdate(
	update: Uint8Array,
	ownClientId: number | null,
	identity: AwarenessIdentity
): { update: Uint8Array; clientId: number } | null {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	if (count > 1000) throw new RangeError('too many awareness entries');
	const kept: Array<{ clientId: number; clock: number; state: string }> = [];
	for (let i = 0; i < count; i++) {
		const clientId = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		const raw = decoding.readVarString(decoder);
		const owner = ownClientId ?? clientId;
		if (clientId !== owner) continue;
		const state: unknown = JSON.parse(raw);
		if (state !== null && (typeof state !== 'object' || Array.isArray(state))) throw new TypeError('awareness state must be an object or null');
		const stamped = state === null ? null : { ...(state as Record<string, unknown>), user: identity };
		kept.push({ clientId, clock, state: JSON.stringify(stamped) });
		ownClientId = owner;
	}
	if (kept.length === 0) return null;
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, kept.length);
	for (const k of kept) {
		encoding.writeVarUint(encoder, k.clientId);
		encoding.writeVarUint(encoder, k.clock);
		encoding.writeVarString(encoder, k.state);
	}
	return { update: encoding.toUint8Array(encoder), clientId: kept[0].clientId };
}
