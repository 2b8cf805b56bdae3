import { describe, expect, test } from 'vitest';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, isJoinCode, joinCodeFromBytes, normalizeJoinCode, spokenJoinCode } from './join-code.ts';

describe('join code alphabet', () => {
	test('has none of the characters people confuse when a code is read aloud or typed', () => {
		for (const c of '0O1IL5S2Z8B') expect(JOIN_CODE_ALPHABET, c).not.toContain(c);
	});

	test('is upper-case letters and digits, each once, and large enough (25^6 ≈ 244 million codes)', () => {
		expect(JOIN_CODE_ALPHABET).toMatch(/^[A-Z0-9]+$/);
		expect(new Set(JOIN_CODE_ALPHABET).size).toBe(JOIN_CODE_ALPHABET.length);
		expect(JOIN_CODE_ALPHABET.length ** JOIN_CODE_LENGTH).toBeGreaterThan(1e8);
	});
});

describe('joinCodeFromBytes', () => {
	test('makes a 6-character code of the alphabet from any bytes', () => {
		for (let b = 0; b < 256; b++) {
			const code = joinCodeFromBytes(new Uint8Array(JOIN_CODE_LENGTH).fill(b));
			expect(code).toHaveLength(JOIN_CODE_LENGTH);
			expect(isJoinCode(code)).toBe(true);
		}
	});

	test('is deterministic and reaches every character of the alphabet', () => {
		const bytes = Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7]);
		expect(joinCodeFromBytes(bytes)).toBe(joinCodeFromBytes(bytes));
		expect(joinCodeFromBytes(bytes)).toBe(JOIN_CODE_ALPHABET.slice(0, 6));
		const seen = new Set<string>();
		for (let b = 0; b < 256; b++) seen.add(joinCodeFromBytes(new Uint8Array(6).fill(b))[0]);
		expect(seen.size).toBe(JOIN_CODE_ALPHABET.length);
	});

	test('refuses too few random bytes rather than making a short code', () => {
		expect(() => joinCodeFromBytes(new Uint8Array(5))).toThrow(RangeError);
	});
});

describe('normalizeJoinCode', () => {
	test('accepts a code typed in lower case, with spaces or dashes, as read from the screen', () => {
		const code = joinCodeFromBytes(Uint8Array.from([3, 14, 15, 92, 65, 35]));
		const spoken = `${code.slice(0, 3)} - ${code.slice(3)}`.toLowerCase();
		expect(normalizeJoinCode(spoken)).toBe(code);
		expect(isJoinCode(normalizeJoinCode(` ${code.toLowerCase()}\t`))).toBe(true);
		expect(normalizeJoinCode('abc-def')).toBe(normalizeJoinCode('ABCDEF'));
	});

	test('bounds what it returns, however long the input', () => {
		expect(normalizeJoinCode('A'.repeat(10_000)).length).toBeLessThanOrEqual(32);
	});
});

describe('isJoinCode', () => {
	test.each([
		['too short', 'ACDEF'],
		['too long', 'ACDEFGH'],
		['lower case (normalize first)', 'acdefg'],
		['an ambiguous letter', 'ACDEFO'],
		['an ambiguous digit', 'ACDEF1'],
		['empty', '']
	])('refuses %s', (_label, code) => {
		expect(isJoinCode(code)).toBe(false);
	});
});

describe('spokenJoinCode', () => {
	test('splits the code in two groups of three, which normalizeJoinCode reads back', () => {
		expect(spokenJoinCode('K7M4QX')).toBe('K7M 4QX');
		expect(normalizeJoinCode(spokenJoinCode('K7M4QX'))).toBe('K7M4QX');
	});
});
