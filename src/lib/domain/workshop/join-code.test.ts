import { describe, expect, test } from 'vitest';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, JOIN_CODE_LOOKALIKES, isJoinCode, joinCodeFromBytes, normalizeJoinCode, readJoinCode, spokenJoinCode } from './join-code.ts';

describe('join code alphabet', () => {
	test('keeps one character of each pair people confuse, and the other reads as it', () => {
		for (const [letter, digit] of [['O', '0'], ['I', '1'], ['L', '1'], ['Z', '2'], ['S', '5'], ['B', '8']]) {
			expect(JOIN_CODE_ALPHABET, letter).not.toContain(letter);
			expect(JOIN_CODE_ALPHABET, digit).toContain(digit);
			expect(normalizeJoinCode(letter)).toBe(digit);
			expect(normalizeJoinCode(letter.toLowerCase())).toBe(digit);
		}
		// A look-alike never stands for a character a code may hold as itself.
		for (const letter of Object.keys(JOIN_CODE_LOOKALIKES)) expect(JOIN_CODE_ALPHABET).not.toContain(letter);
	});

	test('is upper-case letters and digits, each once, and large enough (30^6 ≈ 729 million codes)', () => {
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

	test('reads the letters codes never use as the digit they look like, whatever the case and separators', () => {
		expect(normalizeJoinCode('k7m-4qo')).toBe('K7M4Q0');
		expect(normalizeJoinCode('so1 zbl')).toBe('501281');
		expect(normalizeJoinCode('K7M.4Q0')).toBe('K7M4Q0');
		expect(normalizeJoinCode('K7M\u20134Q0')).toBe('K7M4Q0');
		expect(isJoinCode(normalizeJoinCode('so1 zbl'))).toBe(true);
	});

	test('bounds what it returns, however long the input', () => {
		expect(normalizeJoinCode('A'.repeat(10_000)).length).toBeLessThanOrEqual(32);
	});
});

describe('readJoinCode', () => {
	test('gives the code, however it was typed', () => {
		expect(readJoinCode(' k7m 4qo ')).toEqual({ ok: true, code: 'K7M4Q0' });
	});

	test('says when the length is wrong', () => {
		expect(readJoinCode('K7M4Q')).toEqual({ ok: false, reason: 'length' });
		expect(readJoinCode('K7M4Q0X')).toEqual({ ok: false, reason: 'length' });
		expect(readJoinCode('')).toEqual({ ok: false, reason: 'length' });
	});

	test('names the characters no code has, once each', () => {
		expect(readJoinCode('K7M!4!')).toEqual({ ok: false, reason: 'characters', characters: '!' });
		expect(readJoinCode('ÉK7M4?')).toEqual({ ok: false, reason: 'characters', characters: 'É ?' });
	});
});

describe('isJoinCode', () => {
	test.each([
		['too short', 'ACDEF'],
		['too long', 'ACDEFGH'],
		['lower case (normalize first)', 'acdefg'],
		['a look-alike letter (normalize first)', 'ACDEFO'],
		['a character no code has', 'ACDEF#'],
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
