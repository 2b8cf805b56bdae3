import * as Y from 'yjs';

/**
 * Reading values out of the document defensively: any client with write access (or an old
 * version of Concerto) may have left a field missing or of the wrong type, and one bad entry
 * must not break the board for everyone.
 */
export function str(m: Y.Map<unknown>, key: string, fallback = ''): string {
	const v = m.get(key);
	return typeof v === 'string' ? v : fallback;
}

export function num(m: Y.Map<unknown>, key: string, fallback = 0): number {
	const v = m.get(key);
	return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** The nested Y.Map at `key`, made on first write (callers run inside a transaction). */
export function childMap<T = unknown>(m: Y.Map<unknown>, key: string): Y.Map<T> {
	const existing = m.get(key);
	if (existing instanceof Y.Map) return existing as Y.Map<T>;
	const made = new Y.Map<T>();
	m.set(key, made);
	return made;
}

/** Trims and caps a free text (counted in characters, not UTF-16 units); null when too long. */
export function cleanText(input: unknown, max: number, allowEmpty = true): string | null {
	if (typeof input !== 'string') return null;
	const text = input.replace(/\r\n?/g, '\n').trim();
	if ((!allowEmpty && text.length === 0) || [...text].length > max) return null;
	return text;
}
