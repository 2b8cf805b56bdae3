import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import type { Queryable } from '../../server/db/db.ts';
import { appendUpdate, compact, countUpdates, loadDoc } from '../../server/db/repositories/yjs-log.ts';
import { insertNote, readNotes, updateNote, type Note } from '../../src/lib/domain/board/notes.ts';
import { engines, useDatabase } from '../helpers/databases.ts';
import { aWorkshop } from './fixtures.ts';

const note = (id: string, createdAt: number): Note => ({
	id,
	text: `idée ${id} — « accueil » 🌱`,
	x: 10,
	y: 20,
	color: 'blue',
	authorId: 'p1',
	authorCategory: 'usager',
	createdAt,
	updatedAt: createdAt
});

/** A board document that records each of its updates, as a room hands them to the log. */
function recordingDoc() {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	return { doc, updates };
}

function rebuild(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): Y.Doc {
	const doc = new Y.Doc();
	if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
	for (const u of stored.updates) Y.applyUpdate(doc, u);
	return doc;
}

const plain = (u: Uint8Array) => Array.from(u);

describe.each(engines())('%s Yjs update log', (engine) => {
	const db = useDatabase(engine);

	test('a workshop without a document loads as empty', async () => {
		const w = await aWorkshop(db());
		expect(await loadDoc(db(), w.id)).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
	});

	test('appended updates get increasing sequence numbers and load back in order', async () => {
		const w = await aWorkshop(db());
		const other = await aWorkshop(db());
		const data = [1, 2, 3].map((i) => new Uint8Array([i, i, i]));
		const seqs: number[] = [];
		for (const d of data) {
			seqs.push(await appendUpdate(db(), w.id, d));
			await appendUpdate(db(), other.id, new Uint8Array([9]));
		}
		expect(seqs.every((s, i) => i === 0 || s > seqs[i - 1])).toBe(true);
		const stored = await loadDoc(db(), w.id);
		expect(stored.snapshot).toBeNull();
		expect(stored.updates.map(plain)).toEqual(data.map(plain));
		expect(stored.lastSeq).toBe(seqs[2]);
		expect(await countUpdates(db(), w.id)).toBe(3);
	});

	test('bytes round-trip exactly: every byte value, empty, and a large update', async () => {
		const w = await aWorkshop(db());
		const payloads = [Uint8Array.from({ length: 256 }, (_, i) => i), new Uint8Array(0), new Uint8Array(randomBytes(300_000))];
		for (const p of payloads) await appendUpdate(db(), w.id, p);
		const stored = await loadDoc(db(), w.id);
		expect(stored.updates).toHaveLength(3);
		stored.updates.forEach((u, i) => {
			expect(u).toBeInstanceOf(Uint8Array);
			expect(Buffer.compare(Buffer.from(u), Buffer.from(payloads[i]))).toBe(0);
		});
	});

	test('compaction keeps a snapshot plus the updates after it, and drops the folded rows', async () => {
		const w = await aWorkshop(db());
		const { doc, updates } = recordingDoc();
		insertNote(doc, note('a', 1));
		insertNote(doc, note('b', 2));
		updateNote(doc, 'a', { text: 'modifiée', x: 300 }, 5);
		insertNote(doc, note('c', 3));
		expect(updates).toHaveLength(4);
		const seqs = [];
		for (const u of updates) seqs.push(await appendUpdate(db(), w.id, u));

		await compact(db(), w.id, seqs[1]);

		const stored = await loadDoc(db(), w.id);
		expect(stored.snapshot).not.toBeNull();
		// The two updates after the bound stay as they were, in order.
		expect(stored.updates.map(plain)).toEqual(updates.slice(2).map(plain));
		expect(stored.lastSeq).toBe(seqs[3]);
		expect(await countUpdates(db(), w.id)).toBe(2);

		// What a restarted server rebuilds is the document as it was.
		const again = rebuild(stored);
		expect(readNotes(again)).toEqual(readNotes(doc));
		expect(readNotes(again).map((n) => [n.id, n.text, n.x])).toEqual([
			['a', 'modifiée', 300],
			['b', note('b', 2).text, 10],
			['c', note('c', 3).text, 10]
		]);
		expect(Y.encodeStateVector(again)).toEqual(Y.encodeStateVector(doc));

		// Folding the rest leaves a snapshot alone, still the same document.
		await compact(db(), w.id, seqs[3]);
		const folded = await loadDoc(db(), w.id);
		expect(folded.updates).toEqual([]);
		expect(folded.lastSeq).toBe(seqs[3]);
		expect(readNotes(rebuild(folded))).toEqual(readNotes(doc));
	});

	test('a late compaction with an older bound loses nothing', async () => {
		const w = await aWorkshop(db());
		const { doc, updates } = recordingDoc();
		insertNote(doc, note('a', 1));
		const s1 = await appendUpdate(db(), w.id, updates.splice(0)[0]);
		insertNote(doc, note('b', 2));
		const s2 = await appendUpdate(db(), w.id, updates.splice(0)[0]);
		await compact(db(), w.id, s2);
		// Another instance, or a slow unload, compacting up to where it had seen.
		await compact(db(), w.id, s1);

		const stored = await loadDoc(db(), w.id);
		expect(stored.updates).toEqual([]);
		expect(stored.lastSeq).toBe(s2);
		expect(readNotes(rebuild(stored)).map((n) => n.id)).toEqual(['a', 'b']);
	});

	test('a row that commits late, below the snapshot, is still loaded and folded next time', async () => {
		const w = await aWorkshop(db());
		const { doc, updates } = recordingDoc();
		insertNote(doc, note('a', 1));
		const [ua] = updates.splice(0);
		insertNote(doc, note('b', 2));
		const [ub] = updates.splice(0);
		// Instance 1 takes a number but commits after instance 2 has stored and compacted.
		const late = Number((await db().query<{ n: string }>("SELECT nextval('yjs_update_seq_seq') AS n"))[0].n);
		const s2 = await appendUpdate(db(), w.id, ub);
		await compact(db(), w.id, s2);
		await db().query('INSERT INTO yjs_update (workshop_id, seq, data) VALUES ($1, $2, $3)', [w.id, late, ua]);

		const stored = await loadDoc(db(), w.id);
		expect(stored.updates.map(plain)).toEqual([plain(ua)]);
		expect(readNotes(rebuild(stored)).map((n) => n.id)).toEqual(['a', 'b']);

		await compact(db(), w.id, s2);
		const folded = await loadDoc(db(), w.id);
		expect(folded.updates).toEqual([]);
		expect(readNotes(rebuild(folded)).map((n) => n.id)).toEqual(['a', 'b']);
	});

	test('a compaction that fails half-way changes nothing', async () => {
		const w = await aWorkshop(db());
		const { doc, updates } = recordingDoc();
		insertNote(doc, note('a', 1));
		await appendUpdate(db(), w.id, updates.splice(0)[0]);
		insertNote(doc, note('b', 2));
		const upTo = await appendUpdate(db(), w.id, updates.splice(0)[0]);
		const before = await loadDoc(db(), w.id);

		// The DELETE fails after the snapshot was written: both must be rolled back together.
		const failingDelete = {
			transaction: <T>(fn: (tx: Queryable) => Promise<T>) =>
				db().transaction((tx) =>
					fn({
						query: (sql, params) => (sql.startsWith('DELETE') ? Promise.reject(new Error('disk full')) : tx.query(sql, params))
					})
				)
		};
		await expect(compact(failingDelete, w.id, upTo)).rejects.toThrow('disk full');

		const after = await loadDoc(db(), w.id);
		expect(after.snapshot).toBeNull();
		expect(after.updates.map(plain)).toEqual(before.updates.map(plain));
		expect(readNotes(rebuild(after)).map((n) => n.id)).toEqual(['a', 'b']);
	});
	test('a board read while a compaction commits still has every note (the page "Mes données", a room loading)', async () => {
		const w = await aWorkshop(db());
		const { doc, updates } = recordingDoc();
		insertNote(doc, note('a', 1));
		await appendUpdate(db(), w.id, updates.splice(0)[0]);
		await compact(db(), w.id, Number.MAX_SAFE_INTEGER);
		insertNote(doc, note('b', 2));
		const upTo = await appendUpdate(db(), w.id, updates.splice(0)[0]);

		// Another instance's compaction commits right after the reader's first statement.
		let compacted = false;
		const racing: Queryable = {
			query: async (sql, params) => {
				const rows = await db().query(sql, params);
				if (!compacted) {
					compacted = true;
					await compact(db(), w.id, upTo);
				}
				return rows as never;
			}
		};
		const stored = await loadDoc(racing, w.id);
		expect(compacted).toBe(true);
		expect(readNotes(rebuild(stored)).map((n) => n.id)).toEqual(['a', 'b']);
	});
});
