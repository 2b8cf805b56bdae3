import { describe, expect, test } from 'vitest';
import { saveDecision, saveOwners } from '../../server/db/repositories/decisions.ts';
import { findOwnerLink, issueOwnerLink } from '../../server/db/repositories/owner-links.ts';
import { readAnswers, recordAnswer } from '../../server/db/repositories/answers.ts';
import { findWorkshop, setWorkshopStatus } from '../../server/db/repositories/workshops.ts';
import { hashToken } from '../../server/auth/tokens.ts';
import { closeWorkshop } from '../../server/owners/closing.ts';
import { answerDecision } from '../../server/owners/owner-page.ts';
import { loadConfig } from '../../server/config.ts';
import { createLog } from '../../server/log.ts';
import type { Services } from '../../server/services.ts';
import type { Actor } from '../../server/auth/actor.ts';
import type { Db } from '../../server/db/db.ts';
import type { Decision, Owner } from '../../src/lib/domain/decisions/decision.ts';
import { engines, useDatabase } from '../helpers/databases.ts';
import { aWorkshop } from './fixtures.ts';

const decision = (id: string, extra: Partial<Decision> = {}): Decision => ({
	id,
	title: `Décision ${id}`,
	text: '',
	commits: ['owner'],
	responsible: 'Service état civil',
	dueDate: null,
	answerBy: '2026-03-15',
	status: 'confirmed',
	sourceId: null,
	...extra
});
const owner = (id: string): Owner => ({ id, name: `Porteuse ${id}`, email: `${id}@mairie.example.fr`, organisation: 'Mairie' });

async function workshopWith(db: Db, decisions: Decision[], owners: Owner[]) {
	const w = await aWorkshop(db);
	await db.transaction(async (tx) => {
		for (const d of decisions) await saveDecision(tx, w.id, d, w.createdBy);
		await saveOwners(tx, w.id, owners);
	});
	return w;
}
const services = (db: Db): Services => ({ config: loadConfig({}), db, log: createLog('silent'), connections: null, mailer: null, limits: null as unknown as Services['limits'] });
const facilitator = (id: string): Actor => ({ kind: 'facilitator', id, role: 'facilitator', displayName: 'Camille', category: 'facilitator' });

describe.each(engines())('%s owner links and answers', (engine) => {
	const db = useDatabase(engine);

	test('a link is stored only as its SHA-256; a new one revokes the old, whose replay is told apart from an unknown link', async () => {
		const w = await workshopWith(db(), [decision('a')], [owner('o1'), owner('o2')]);
		const first = await db().transaction((tx) => issueOwnerLink(tx, { workshopId: w.id, ownerId: 'o1', createdBy: w.createdBy }));
		const rows = await db().query<{ token_hash: string }>('SELECT token_hash FROM owner_link WHERE workshop_id = $1', [w.id]);
		expect(rows).toEqual([{ token_hash: hashToken(first) }]);
		expect(JSON.stringify(await db().query('SELECT * FROM owner_link WHERE workshop_id = $1', [w.id]))).not.toContain(first);
		expect(await findOwnerLink(db(), first)).toEqual({ status: 'valid', workshopId: w.id, ownerId: 'o1' });

		const second = await db().transaction((tx) => issueOwnerLink(tx, { workshopId: w.id, ownerId: 'o1', createdBy: w.createdBy }));
		expect(await findOwnerLink(db(), first)).toEqual({ status: 'revoked' });
		expect(await findOwnerLink(db(), second)).toEqual({ status: 'valid', workshopId: w.id, ownerId: 'o1' });
		// Another owner's link is theirs alone, untouched by o1's new link.
		const other = await db().transaction((tx) => issueOwnerLink(tx, { workshopId: w.id, ownerId: 'o2', createdBy: w.createdBy }));
		expect(await findOwnerLink(db(), second)).toMatchObject({ status: 'valid' });
		expect(await findOwnerLink(db(), other)).toEqual({ status: 'valid', workshopId: w.id, ownerId: 'o2' });

		for (const bad of ['', 'x', second.slice(0, -1) + (second.endsWith('a') ? 'b' : 'a'), `${second}' OR 1=1`, 'A'.repeat(32)])
			expect(await findOwnerLink(db(), bad), bad).toEqual({ status: 'unknown' });
		// An owner removed from the workshop: their link opens nothing any more.
		await db().transaction((tx) => saveOwners(tx, w.id, [owner('o1')]));
		expect(await findOwnerLink(db(), other)).toEqual({ status: 'unknown' });
	});

	test('answers keep their history, oldest first; an answer to a decision of another workshop, or not confirmed, records nothing', async () => {
		const w = await workshopWith(db(), [decision('a'), decision('p', { status: 'proposed' })], [owner('o1')]);
		const elsewhere = await workshopWith(db(), [decision('z')], [owner('o9')]);
		const by = { id: 'o1', name: 'Porteuse o1' };
		await db().transaction(async (tx) => {
			expect(await recordAnswer(tx, { workshopId: w.id, decisionId: 'a', owner: by, answer: { answer: 'accepted', reason: '', criteria: 'Budget', plannedFor: '2026-06-01' } })).toBe(true);
			expect(await recordAnswer(tx, { workshopId: w.id, decisionId: 'a', owner: by, answer: { answer: 'in_progress', reason: 'Marché lancé', criteria: '', plannedFor: null } })).toBe(true);
			expect(await recordAnswer(tx, { workshopId: w.id, decisionId: 'z', owner: by, answer: { answer: 'declined', reason: 'x', criteria: '', plannedFor: null } })).toBe(false);
			expect(await recordAnswer(tx, { workshopId: w.id, decisionId: 'p', owner: by, answer: { answer: 'accepted', reason: '', criteria: '', plannedFor: null } })).toBe(false);
		});
		const answers = await readAnswers(db(), w.id);
		expect(answers.map((a) => [a.decisionId, a.answer, a.plannedFor, a.ownerName])).toEqual([
			['a', 'accepted', '2026-06-01', 'Porteuse o1'],
			['a', 'in_progress', null, 'Porteuse o1']
		]);
		expect(new Date(answers[1].at).getTime()).toBeGreaterThanOrEqual(new Date(answers[0].at).getTime());
		expect(await readAnswers(db(), elsewhere.id)).toEqual([]);
	});

	test('an owner answers through their access: a refusal without reason and another workshop’s decision change nothing', async () => {
		const w = await workshopWith(db(), [decision('a'), decision('b')], [owner('o1')]);
		const elsewhere = await workshopWith(db(), [decision('z')], [owner('o9')]);
		const access = { workshopId: w.id, ownerId: 'o1' };
		const raw = { answer: 'declined', reason: '', criteria: '', plannedFor: '' };
		expect(await answerDecision(db(), access, 'a', raw)).toEqual({ ok: false, problems: { reason: 'reason.required' } });
		expect(await answerDecision(db(), access, 'z', { ...raw, reason: 'Hors budget' })).toEqual({ ok: false, notFound: true });
		expect(await readAnswers(db(), w.id)).toEqual([]);
		expect(await readAnswers(db(), elsewhere.id)).toEqual([]);
		expect(await answerDecision(db(), access, 'a', { ...raw, reason: 'Hors budget' })).toEqual({ ok: true });
		// A later "en cours" needs the decision taken up: declined, it is refused.
		expect(await answerDecision(db(), access, 'a', { ...raw, answer: 'in_progress' })).toEqual({ ok: false, problems: { answer: 'answer.notTakenUp' } });
		expect((await readAnswers(db(), w.id)).map((a) => a.answer)).toEqual(['declined']);
	});

	test('closing is refused while a confirmed decision lacks a responsible or an answer date, then closes once and stays closed', async () => {
		const w = await workshopWith(db(), [decision('a', { responsible: '' }), decision('b', { answerBy: null }), decision('c', { status: 'proposed', responsible: '' })], [owner('o1'), owner('o2')]);
		const s = services(db());
		const f = facilitator(w.createdBy);
		expect(await closeWorkshop(s, f, w.id, 'https://concerto.example.fr')).toEqual({
			closed: false,
			noOwner: false,
			problems: [
				{ decisionId: 'a', title: 'Décision a', missing: ['responsible'] },
				{ decisionId: 'b', title: 'Décision b', missing: ['answerBy'] }
			]
		});
		expect((await findWorkshop(db(), w.id))?.status).toBe('open');
		expect(await db().query('SELECT 1 FROM owner_link WHERE workshop_id = $1', [w.id])).toEqual([]);

		await db().transaction(async (tx) => {
			await saveDecision(tx, w.id, decision('a'), w.createdBy);
			await saveDecision(tx, w.id, decision('b'), w.createdBy);
		});
		const closed = await closeWorkshop(s, f, w.id, 'https://concerto.example.fr');
		if (!closed.closed) throw new Error('not closed');
		expect(closed.already).toBe(false);
		expect(closed.links.map((l) => l.ownerId)).toEqual(['o1', 'o2']);
		for (const l of closed.links) {
			expect(l.url).toMatch(/^https:\/\/concerto\.example\.fr\/porteur\/[a-z2-7]{32}$/);
			expect(await findOwnerLink(db(), l.url.split('/').at(-1)!)).toMatchObject({ status: 'valid', workshopId: w.id, ownerId: l.ownerId });
		}
		expect((await findWorkshop(db(), w.id))?.status).toBe('closed');
		// Twice is harmless: no new link, the first ones still work.
		expect(await closeWorkshop(s, f, w.id, 'https://concerto.example.fr')).toEqual({ closed: true, already: true, links: [] });
		expect(await findOwnerLink(db(), closed.links[0].url.split('/').at(-1)!)).toMatchObject({ status: 'valid' });
		// The clock going back (or ending again) never reopens a closed workshop.
		await setWorkshopStatus(db(), w.id, 'open');
		expect((await findWorkshop(db(), w.id))?.status).toBe('closed');
	});

	test('a workshop without an owner cannot be closed', async () => {
		const w = await workshopWith(db(), [decision('a')], []);
		expect(await closeWorkshop(services(db()), facilitator(w.createdBy), w.id, 'http://localhost')).toEqual({ closed: false, problems: [], noOwner: true });
	});
});
