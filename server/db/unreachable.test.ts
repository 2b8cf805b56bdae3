import { describe, expect, test } from 'vitest';
import { DbError } from './db.ts';
import { asDbError, isUnreachable } from './unreachable.ts';

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('a database that is not there becomes DbError', () => {
	test.each(['ECONNREFUSED', 'CONNECTION_CLOSED', 'CONNECT_TIMEOUT', '57P01', '57P03', '08006'])('%s is unreachable', (code) => {
		expect(isUnreachable(withCode(code))).toBe(true);
		expect(asDbError(withCode(code))).toBeInstanceOf(DbError);
	});

	test.each(['23505', '42P01', '22P02'])('%s (a query error) passes through unchanged', (code) => {
		const e = withCode(code);
		expect(isUnreachable(e)).toBe(false);
		expect(asDbError(e)).toBe(e);
	});

	test('errors without a code pass through', () => {
		const e = new Error('boom');
		expect(asDbError(e)).toBe(e);
		expect(isUnreachable(null)).toBe(false);
	});
});
