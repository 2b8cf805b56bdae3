import { DbError } from './db.ts';

/**
 * postgres.js reports a database it cannot reach with its own codes (or Node's socket ones),
 * and a server on its way down or up with SQLSTATE classes 08 (connection exception) and 57
 * (operator intervention: admin_shutdown, cannot_connect_now…).
 */
const CLIENT_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'ENOTFOUND',
	'EHOSTUNREACH',
	'CONNECTION_CLOSED',
	'CONNECTION_ENDED',
	'CONNECTION_DESTROYED',
	'CONNECT_TIMEOUT'
]);

export function isUnreachable(e: unknown): boolean {
	const code = (e as { code?: unknown } | null)?.code;
	if (typeof code !== 'string') return false;
	return CLIENT_CODES.has(code) || code.startsWith('08') || code.startsWith('57');
}

/**
 * Turns "the database is not there" into a DbError, which callers answer as `unavailable`
 * (retry later) rather than `internal` (a bug); every other error passes through unchanged,
 * so constraint violations keep their SQLSTATE.
 */
export function asDbError(e: unknown): unknown {
	if (e instanceof DbError || !isUnreachable(e)) return e;
	return new DbError(`database unreachable: ${(e as Error).message}`, { cause: e });
}
