import postgres from 'postgres';
import type { Db, Queryable } from './db.ts';
import { asDbError } from './unreachable.ts';

/** PostgreSQL through postgres.js; `url` is a `postgres://` connection string. */
export function openPostgres(url: string, options: { max?: number } = {}): Db {
	const sql = postgres(url, {
		max: options.max ?? 10,
		onnotice: () => {},
		// bytea comes back as Buffer, bigint as string; callers convert what they need.
		connection: { application_name: 'concerto' }
	});
	const run = (s: postgres.Sql | postgres.TransactionSql): Queryable => ({
		async query<T>(text: string, params: readonly unknown[] = []) {
			try {
				const rows = await s.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
				return rows as unknown as T[];
			} catch (e) {
				throw asDbError(e);
			}
		}
	});
	const top = run(sql);
	return {
		engine: 'postgres',
		query: top.query,
		async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
			try {
				return (await sql.begin((tx) => fn(run(tx)))) as T;
			} catch (e) {
				throw asDbError(e);
			}
		},
		async close() {
			await sql.end({ timeout: 5 });
		}
	};
}
