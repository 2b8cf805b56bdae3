import * as Y from 'yjs';

/**
 * Restoring an earlier version of the board. The version's content is written into the live
 * document as new operations (deletes and sets), never by swapping the document: every client
 * and the update log follow by ordinary sync, and a client's late update to something the
 * restore deleted cannot bring it back, because that update only touches the deleted entry.
 *
 * Generic over the board's top-level maps (`notes`, `clusters`, `personas`…): whatever maps
 * either document has are made equal, so a new kind of content needs nothing here.
 */

/**
 * The top-level maps of a document, by name. A document loaded from an update holds its
 * top-level types untyped until someone asks for them; those with map content (or none at
 * all) are taken as maps. Arrays and texts at the top level are not part of the board model
 * and are left alone.
 */
export function topLevelMaps(doc: Y.Doc): Map<string, Y.Map<unknown>> {
	const out = new Map<string, Y.Map<unknown>>();
	for (const [name, type] of doc.share) {
		// Untyped and without sequence content: it can only hold map entries.
		const untypedMap = type.constructor === Y.AbstractType && (type as unknown as { _start: unknown })._start === null;
		if (type instanceof Y.Map) out.set(name, type);
		else if (untypedMap) out.set(name, doc.getMap(name));
	}
	return out;
}

/**
 * Makes `target`'s content equal to `source`'s, in one transaction tagged `origin`, writing
 * only what differs: keys absent from `source` are deleted, differing values are set, nested
 * maps are made equal in place (so a note kept by the restore stays the same note and a
 * concurrent edit of another of its fields still merges). Running it twice changes nothing
 * the second time. `source` is only read.
 */
export function restoreBoard(target: Y.Doc, source: Y.Doc, origin?: unknown): void {
	const wanted = topLevelMaps(source);
	const current = topLevelMaps(target);
	target.transact(() => {
		for (const [name, map] of current) if (!wanted.has(name)) for (const key of [...map.keys()]) map.delete(key);
		for (const [name, map] of wanted) assignMap(target.getMap(name), map);
	}, origin);
}

function assignMap(target: Y.Map<unknown>, source: Y.Map<unknown>): void {
	for (const key of [...target.keys()]) if (!source.has(key)) target.delete(key);
	source.forEach((wanted, key) => {
		const present = target.get(key);
		if (wanted instanceof Y.Map) {
			if (present instanceof Y.Map) assignMap(present, wanted);
			else target.set(key, wanted.clone());
		} else if (wanted instanceof Y.AbstractType) {
			// Arrays and texts are replaced whole when they differ: there is no safe in-place merge.
			const same = present instanceof Y.AbstractType && present.constructor === wanted.constructor && sameValue(present.toJSON(), wanted.toJSON());
			if (!same) target.set(key, wanted.clone());
		} else if (present instanceof Y.AbstractType || !target.has(key) || !sameValue(present, wanted)) {
			target.set(key, wanted);
		}
	});
}

/** Deep equality of the plain values a Y.Map holds (JSON values and byte arrays). */
export function sameValue(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (a instanceof Uint8Array || b instanceof Uint8Array) {
		return a instanceof Uint8Array && b instanceof Uint8Array && a.length === b.length && a.every((v, i) => v === b[i]);
	}
	if (Array.isArray(a) || Array.isArray(b)) {
		return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
	}
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	const ka = Object.keys(a);
	const kb = Object.keys(b);
	const bo = b as Record<string, unknown>;
	return ka.length === kb.length && ka.every((k) => Object.hasOwn(bo, k) && sameValue((a as Record<string, unknown>)[k], bo[k]));
}

/**
 * The board's content as one canonical JSON text (keys sorted, empty maps left out): equal
 * texts mean equal boards, whatever history led to them. Used to tell whether anything
 * changed since the last saved version.
 */
export function boardContent(doc: Y.Doc): string {
	const content: Record<string, unknown> = {};
	for (const [name, map] of topLevelMaps(doc)) if (map.size > 0) content[name] = map.toJSON();
	return canonicalJson(content);
}

function canonicalJson(value: unknown): string {
	if (value instanceof Uint8Array) return JSON.stringify({ bytes: Array.from(value) });
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (typeof value === 'object' && value !== null) {
		const o = value as Record<string, unknown>;
		const keys = Object.keys(o).sort();
		return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}
