import { describe, expect, test } from 'vitest';
import {
	countDecisions,
	deleteDecision,
	findDecision,
	moveDecision,
	readDecisionHistory,
	readDecisions,
	readOwners,
	saveDecision,
	saveOwners
} from '../../server/db/repositories/decisions.ts';
import type { Decision } from '../../src/lib/domain/decisions/decision.ts';
import { engines, useDatabase } from '../helpers/databases.ts';
import { aWorkshop } from './fixtures.ts';

const decision = (id: string, extra: Partial<Decision> = {}): Decision => ({
	id,
	title: `Décision ${id}`,
	text: 'Un seul formulaire pour les trois démarches.',
	commits: ['agent', 'owner'],
	responsible: 'Service état civil',
	dueDate: '2026-03-31',
	answerBy: '2026-01-15',
	status: 'proposed',
	sourceId: null,
	...extra
});

describe.each(engines())('%s decisions', (engine) => {
	const db = useDatabase(engine);

	test('decisions are read back in order, days as written, whatever the server’s zone', async () => {
		const w = await aWorkshop(db());
		const a = decision('a');
		const b = decision('b', { commits: ['usager'], dueDate: null, answerBy: null, status: 'confirmed', sourceId: 'cluster-7', text: '' });
		await db().transaction(async (tx) => {
			expect(await saveDecision(tx, w.id, a, 'f1')).toBe('create');
			expect(await saveDecision(tx, w.id, b, 'f1')).toBe('create');
		});
		expect(await readDecisions(db(), w.id)).toEqual([a, b]);
		expect(await countDecisions(db(), w.id)).toBe(2);
		expect(await findDecision(db(), w.id, 'b')).toEqual(b);
		expect(await findDecision(db(), w.id, 'nope')).toBeNull();
	});

	test('saving again updates in place, keeps the order and records each change whole', async () => {
		const w = await aWorkshop(db());
		await db().transaction(async (tx) => {
			await saveDecision(tx, w.id, decision('a'), 'f1');
			await saveDecision(tx, w.id, decision('b'), 'f1');
		});
		const edited = decision('a', { title: 'Guichet unique', status: 'confirmed', commits: ['agent', 'usager'] });
		expect(await db().transaction((tx) => saveDecision(tx, w.id, edited, 'f2'))).toBe('update');
		expect((await readDecisions(db(), w.id)).map((d) => d.title)).toEqual(['Guichet unique', 'Décision b']);
		const history = await readDecisionHistory(db(), w.id, 'a');
		expect(history.map((h) => [h.action, h.actorId, h.decision.title])).toEqual([
			['create', 'f1', 'Décision a'],
			['update', 'f2', 'Guichet unique']
		]);
		expect(history[1].decision).toEqual(edited);
		expect(history[1].at).toBeInstanceOf(Date);
	});

	test('moving renumbers the list; deleting keeps the history', async () => {
		const w = await aWorkshop(db());
		await db().transaction(async (tx) => {
			for (const id of ['a', 'b', 'c']) await saveDecision(tx, w.id, decision(id), 'f1');
		});
		expect(await db().transaction((tx) => moveDecision(tx, w.id, 'c', 0, 'f1'))).toBe(true);
		expect((await readDecisions(db(), w.id)).map((d) => d.id)).toEqual(['c', 'a', 'b']);
		expect(await db().transaction((tx) => moveDecision(tx, w.id, 'a', 9, 'f1'))).toBe(true);
		expect((await readDecisions(db(), w.id)).map((d) => d.id)).toEqual(['c', 'b', 'a']);
		expect(await db().transaction((tx) => moveDecision(tx, w.id, 'zz', 0, 'f1'))).toBe(false);
		// A new decision still goes last after a move.
		await db().transaction((tx) => saveDecision(tx, w.id, decision('d'), 'f1'));
		expect((await readDecisions(db(), w.id)).map((d) => d.id)).toEqual(['c', 'b', 'a', 'd']);

		expect(await db().transaction((tx) => deleteDecision(tx, w.id, 'b', 'f2'))).toBe(true);
		expect(await db().transaction((tx) => deleteDecision(tx, w.id, 'b', 'f2'))).toBe(false);
		expect((await readDecisions(db(), w.id)).map((d) => d.id)).toEqual(['c', 'a', 'd']);
		expect((await readDecisionHistory(db(), w.id, 'b')).map((h) => h.action)).toEqual(['create', 'delete']);
		expect((await readDecisionHistory(db(), w.id)).filter((h) => h.action === 'move').map((h) => h.decisionId)).toEqual(['c', 'a']);
	});

	test('one workshop’s decisions are not another’s', async () => {
		const [w1, w2] = [await aWorkshop(db()), await aWorkshop(db())];
		await db().transaction((tx) => saveDecision(tx, w1.id, decision('same'), 'f1'));
		await db().transaction((tx) => saveDecision(tx, w2.id, decision('same', { title: 'Autre' }), 'f1'));
		expect((await readDecisions(db(), w1.id)).map((d) => d.title)).toEqual(['Décision same']);
		expect(await db().transaction((tx) => deleteDecision(tx, w2.id, 'same', 'f1'))).toBe(true);
		expect(await readDecisions(db(), w1.id)).toHaveLength(1);
	});

	test('the database refuses what the commands refuse: an empty title, an unknown status', async () => {
		const w = await aWorkshop(db());
		await expect(db().transaction((tx) => saveDecision(tx, w.id, decision('x', { title: '' }), 'f1'))).rejects.toThrow();
		await expect(
			db().transaction((tx) => saveDecision(tx, w.id, decision('x', { status: 'maybe' as Decision['status'] }), 'f1'))
		).rejects.toThrow();
		expect(await readDecisions(db(), w.id)).toEqual([]);
	});

	test('owners are saved as given, in order: kept, added, removed', async () => {
		const w = await aWorkshop(db());
		const dgs = { id: 'o1', name: 'Claire Martin', email: 'c.martin@ville.fr', organisation: 'Direction générale des services' };
		const caf = { id: 'o2', name: 'Accueil CAF', email: 'accueil@caf.fr', organisation: 'CAF' };
		await db().transaction((tx) => saveOwners(tx, w.id, [dgs, caf]));
		expect(await readOwners(db(), w.id)).toEqual([dgs, caf]);
		const elu = { id: 'o3', name: 'Adjoint·e', email: 'adjoint@ville.fr', organisation: '' };
		await db().transaction((tx) => saveOwners(tx, w.id, [elu, { ...dgs, name: 'Claire M.' }]));
		expect(await readOwners(db(), w.id)).toEqual([elu, { ...dgs, name: 'Claire M.' }]);
		await db().transaction((tx) => saveOwners(tx, w.id, []));
		expect(await readOwners(db(), w.id)).toEqual([]);
	});

	test('deleting the workshop deletes its decisions, history and owners', async () => {
		const w = await aWorkshop(db());
		await db().transaction(async (tx) => {
			await saveDecision(tx, w.id, decision('a'), 'f1');
			await saveOwners(tx, w.id, [{ id: 'o', name: 'Porteur', email: 'p@ville.fr', organisation: '' }]);
		});
		await db().query('DELETE FROM workshop WHERE id = $1', [w.id]);
		expect(await readDecisions(db(), w.id)).toEqual([]);
		expect(await readDecisionHistory(db(), w.id)).toEqual([]);
		expect(await readOwners(db(), w.id)).toEqual([]);
	});
});
