import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { withDatabase, type TestDatabase } from '../../test/helpers/databases.ts';
import { byteaLiteral, textLiteral } from './sql-literals.ts';

/**
 * The only values ever written into SQL text (the embedded database's one-round batches): each
 * must come back from the database exactly as given, whatever a participant typed.
 */
let t: TestDatabase;
beforeAll(async () => {
	t = await withDatabase('pglite');
});
afterAll(() => t?.close());

const HOSTILE = [
	"l'atelier d'Aurélie",
	"'); DROP TABLE live_command; --",
	"''''",
	'\\x00 \\\' \\\\ \\',
	'$$ $tag$ E\'\\n\'',
	'ligne 1\nligne 2\r\n\ttab',
	'🙂 « idées » — 中文',
	JSON.stringify([{ command_id: "it's", actor_id: 'p\\1', result: { text: '\u0001 "quoted" \u2028' } }])
];

test('text literals come back as written, quotes and backslashes included', async () => {
	const script = t.db.script!;
	const statements = HOSTILE.map((v, i) => `SELECT ${textLiteral(v)} AS v, ${i} AS i`);
	const results = await script(statements.join(';\n'));
	expect(results.map((rows) => rows[0].v)).toEqual(HOSTILE);
});

test('a text with a NUL character is refused before any SQL is written', () => {
	expect(() => textLiteral('avant\0après')).toThrow(/NUL/);
});

test('bytes come back as written', async () => {
	const bytes = new Uint8Array(randomBytes(4096));
	const view = bytes.subarray(7, 1031);
	const [[row]] = await t.db.script!(`SELECT ${byteaLiteral(view)} AS b, length(${byteaLiteral(new Uint8Array())}) AS empty`);
	expect(new Uint8Array(row.b as Uint8Array)).toEqual(view);
	expect(row.empty).toBe(0);
});

test('a script runs as one transaction: a failing statement leaves nothing of the ones before it', async () => {
	await t.db.query('CREATE TABLE script_probe (v text)');
	await expect(t.db.script!(`INSERT INTO script_probe VALUES (${textLiteral('kept?')});\nINSERT INTO no_such_table VALUES (1)`)).rejects.toThrow();
	expect(await t.db.query('SELECT * FROM script_probe')).toEqual([]);
	// And the database is usable at once afterwards (no transaction left open).
	await t.db.script!(`INSERT INTO script_probe VALUES (${textLiteral('ok')})`);
	expect(await t.db.query('SELECT v FROM script_probe')).toEqual([{ v: 'ok' }]);
});
