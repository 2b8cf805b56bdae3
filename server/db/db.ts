/**
 * The one small database interface the rest of Concerto talks to. Two engines implement it
 * (PostgreSQL through postgres.js, embedded PGlite) so the same SQL and migrations serve both.
 * Parameters use PostgreSQL's `$1` placeholders.
 */
export interface Queryable {
	query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Db extends Queryable {
	readonly engine: 'postgres' | 'pglite';
	/** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
	transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
	/**
	 * The embedded database only: runs `sql`, statements without parameters (values written in
	 * with sql-literals.ts) separated by semicolons, in one round and as one transaction. Returns
	 * each statement's rows. PostgreSQL's driver prepares and pipelines its statements, so it
	 * keeps the parameters.
	 */
	script?(sql: string): Promise<Array<Record<string, unknown>[]>>;
	close(): Promise<void>;
}

/** Raised when the database cannot be reached or refuses a query; callers map it to `unavailable`. */
export class DbError extends Error {
	override name = 'DbError';
}
