import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { randomBytes } from 'node:crypto';

/** A session token as Lucia's guide makes it: 20 random bytes (160 bits), base32. */
export function generateToken(): string {
	return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

/** Only this hash is stored, so a leaked table cannot be replayed as cookies. */
export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Short random ids for rows (16 base32 characters, 80 bits). */
export function newId(): string {
	return encodeBase32LowerCaseNoPadding(randomBytes(10));
}
