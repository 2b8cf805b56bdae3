/**
 * Join codes are read aloud in a room and typed on cheap phones. Of each pair people confuse
 * (0/O, 1/I/L, 2/Z, 5/S, 8/B) the codes use only the digit, and the letter typed instead is
 * read as that digit: whichever of the two someone types, it is the right one.
 */
export const JOIN_CODE_ALPHABET = '0123456789ACDEFGHJKMNPQRTUVWXY';
export const JOIN_CODE_LENGTH = 6;

/** Letters the codes never use, read as the digit they look like (each maps to one digit only). */
export const JOIN_CODE_LOOKALIKES: Readonly<Record<string, string>> = { O: '0', I: '1', L: '1', Z: '2', S: '5', B: '8' };

/** Builds a code from random bytes (one byte per character; the caller supplies the randomness). */
export function joinCodeFromBytes(bytes: Uint8Array): string {
	if (bytes.length < JOIN_CODE_LENGTH) throw new RangeError('not enough random bytes');
	let code = '';
	for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[bytes[i] % JOIN_CODE_ALPHABET.length];
	return code;
}

// Spaces, dashes (any), dots and underscores people put between the two halves.
const SEPARATORS = /[\s\-\u2010-\u2015\u2212._·]/gu;

/**
 * Upper-cases, drops separators, reads look-alike letters as their digit, so "k7m-4qo",
 * "K7M 4Q0" and "K7M4Q0" are one code. Bounded, whatever the input's length.
 */
export function normalizeJoinCode(input: string): string {
	return [...input.slice(0, 64).toUpperCase().replace(SEPARATORS, '')]
		.map((c) => JOIN_CODE_LOOKALIKES[c] ?? c)
		.join('')
		.slice(0, 32);
}

export function isJoinCode(code: string): boolean {
	return code.length === JOIN_CODE_LENGTH && [...code].every((c) => JOIN_CODE_ALPHABET.includes(c));
}

/** What a typed code reads as: the code, or why it cannot be one (the length, or characters no code has). */
export type JoinCodeReading = { ok: true; code: string } | { ok: false; reason: 'length' } | { ok: false; reason: 'characters'; characters: string };

/** Reads a code as typed; a wrong length is said before stray characters (they may be a typo of it). */
export function readJoinCode(input: string): JoinCodeReading {
	const code = normalizeJoinCode(input);
	if (isJoinCode(code)) return { ok: true, code };
	if ([...code].length !== JOIN_CODE_LENGTH) return { ok: false, reason: 'length' };
	const stray = [...new Set([...code].filter((c) => !JOIN_CODE_ALPHABET.includes(c)))];
	return { ok: false, reason: 'characters', characters: stray.join(' ') };
}

/** Read aloud in a room and shown big: two groups of three ("K7M 4QX"); typed with or without the space. */
export function spokenJoinCode(code: string): string {
	return `${code.slice(0, 3)} ${code.slice(3)}`;
}
