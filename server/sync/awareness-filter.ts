import { createHash } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** The identity the server stamps on a connection's awareness state, from its session. */
export interface AwarenessIdentity {
	/** One person's key in this room (see `personKey`): their tabs and devices share it. */
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

/**
 * A stable, opaque key for one person in one loaded room, so presence counts a person once
 * however many tabs they have open. Not the actor id itself: note authors' ids are in the
 * document, and pairing them with the names in awareness would unmask who wrote what. The
 * salt is the room's own (random, in memory), so the key cannot be recomputed by a client.
 */
export function personKey(salt: string, actorId: string): string {
	return createHash('sha256').update(salt).update('\0').update(actorId).digest('base64url').slice(0, 16);
}
