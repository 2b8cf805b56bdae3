import { describe, expect, test } from 'vitest';
import type { Db } from './db.ts';
import { readRoomRulesShared, readTurnShared } from './turn-reads.ts';

/** A database that answers from memory and counts the queries it is sent. */
function countingDb(commands: Record<string, string>): Db & { queries: string[] } {
	const queries: string[] = [];
	const db = {
		engine: 'pglite' as const,
		queries,
		async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
			queries.push(sql);
			if (sql.includes('live_command')) {
				const ids = JSON.parse(String(params[1])) as string[];
				return ids.filter((id) => id in commands).map((id) => ({ command_id: id, actor_id: commands[id], result: { noteId: id } })) as T[];
			}
			return [{ locked: false, status: 'running', revealed: false, phase_id: 'idees', type: 'ideation', settings: {} }] as T[];
		},
		transaction: () => Promise.reject(new Error('no transaction here')),
		close: async () => {}
	};
	return db as unknown as Db & { queries: string[] };
}

describe('reads shared within one turn', () => {
	test('the commands of one workshop arriving together make one lookup and one rules read, each answered for its own id', async () => {
		const db = countingDb({ known: 'alice' });
		const answers = await Promise.all(['known', 'new-1', 'new-2', 'known'].map((id) => readTurnShared(db, 'w1', id)));
		expect(answers.map((a) => a.previous?.actorId ?? null)).toEqual(['alice', null, null, 'alice']);
		expect(answers.map((a) => a.rules.phase?.id)).toEqual(['idees', 'idees', 'idees', 'idees']);
		expect(db.queries).toHaveLength(2);
	});

	test('other workshops and later turns read again: no answer older than its question', async () => {
		const db = countingDb({});
		await Promise.all([readRoomRulesShared(db, 'w1'), readRoomRulesShared(db, 'w1'), readRoomRulesShared(db, 'w2')]);
		expect(db.queries).toHaveLength(2);
		const rules = await readRoomRulesShared(db, 'w1');
		expect(rules.phase?.id).toBe('idees');
		expect(db.queries).toHaveLength(3);
	});

	test('calls arriving while a read runs share the next one, started when it ends', async () => {
		const db = countingDb({ b: 'bob', c: 'carla' });
		const answer = db.query.bind(db);
		const held: Array<() => void> = [];
		db.query = <T>(sql: string, params?: unknown[]) => new Promise<T[]>((resolve) => held.push(() => resolve(answer<T>(sql, params))));
		const nextTurn = () => new Promise((r) => setImmediate(r));
		const a = readTurnShared(db, 'w1', 'a');
		await nextTurn();
		expect(held).toHaveLength(2);
		// Two more turns while the first read is under way: no query of their own yet.
		const b = readTurnShared(db, 'w1', 'b');
		await nextTurn();
		const c = readTurnShared(db, 'w1', 'c');
		await nextTurn();
		expect(held).toHaveLength(2);
		held[0]();
		held[1]();
		expect((await a).previous).toBeNull();
		await nextTurn();
		// b and c: one id lookup and one rules read between them.
		expect(held).toHaveLength(4);
		held[2]();
		held[3]();
		expect([(await b).previous?.actorId, (await c).previous?.actorId]).toEqual(['bob', 'carla']);
		expect(db.queries).toHaveLength(4);
	});

	test('a failed read fails every command that shared it', async () => {
		const db = countingDb({});
		db.query = () => Promise.reject(new Error('database away'));
		const results = await Promise.allSettled([readTurnShared(db, 'w1', 'a-command'), readTurnShared(db, 'w1', 'b-command')]);
		expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
	});
});
