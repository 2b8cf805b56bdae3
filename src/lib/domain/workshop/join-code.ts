/**
 * Join codes are read aloud in a room and typed on cheap phones: no 0/O, 1/I/L, 5/S, 2/Z, 8/B.
 */
export const JOIN_CODE_ALPHABET = '34679ACDEFGHJKMNPQRTUVWXY';
export const JOIN_CODE_LENGTH = 6;

/** Builds a code from random bytes (one byte per character; the caller supplies the randomness). */
export function joinCodeFromBytes(bytes: Uint8Array): string {
	if (bytes.length < JOIN_CODE_LENGTH) throw new RangeError('not enough random bytes');
	let code = '';
	for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[bytes[i] % JOIN_CODE_ALPHABET.length];
	return code;
}

/** Upper-cases, drops spaces and dashes, maps look-alikes, so "abc-def" and "ABCDEF" match. */
export function normalizeJoinCode(input: string): string {
	return input
		.toUpperCase()
		.replace(/[\s-]/g, '')
		.replace(/O/g, '0')
		.slice(0, 32);
}

export function isJoinCode(code: string): boolean {
	return code.length === JOIN_CODE_LENGTH && [...code].every((c) => JOIN_CODE_ALPHABET.includes(c));
}

/** Read aloud in a room and shown big: two groups of three ("K7M 4QX"); typed with or without the space. */
export function spokenJoinCode(code: string): string {
	return `${code.slice(0, 3)} ${code.slice(3)}`;
}
