/**
 * Values written into SQL text, for the embedded database's one-round batches (see `Db.script`):
 * PGlite runs a statement with parameters as six calls into WebAssembly (parse, describe, bind,
 * describe, execute, sync), a statement without as one — 0.35 ms instead of 0.6 for a board
 * update's row, and a group commit's two inserts in one round instead of two transactions'
 * worth of calls.
 *
 * Only these two encoders exist, and both are exact: a text literal doubles its quotes (the
 * embedded database runs with `standard_conforming_strings=on`, so a backslash is an ordinary
 * character), and bytes are written in hexadecimal. Nothing else is ever spliced into SQL.
 */

/** `value` as a standard SQL string literal. A NUL character cannot be stored in text at all. */
export function textLiteral(value: string): string {
	if (value.includes('\0')) throw new Error('a text value cannot hold a NUL character');
	return `'${value.replaceAll("'", "''")}'`;
}

/** `bytes` as a bytea literal, in hexadecimal. */
export function byteaLiteral(bytes: Uint8Array): string {
	return `'\\x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}'::bytea`;
}
