import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
	createParticipant,
	eraseExpiredParticipantData,
	eraseParticipantData,
	findParticipant,
	listParticipants,
	removeParticipant,
	readAnswerSubscribers,
	setAnswerEmail,
	workshopRetentionMonths
} from '../../server/db/repositories/participants.ts';
import { createOrganisation, organisationSettings, setRetentionMonths } from '../../server/db/repositories/organisations.ts';
import { createSession, validateSession } from '../../server/db/repositories/sessions.ts';
import { appendUpdate } from '../../server/db/repositories/yjs-log.ts';
import { addHiddenNote } from '../../server/db/repositories/hidden-notes.ts';
import { insertNote } from '../../src/lib/domain/board/notes.ts';
import type { Queryable } from '../../server/db/db.ts';
import { buildReport } from '../../server/report/build.ts';
import { setProxyName } from '../../server/db/repositories/proxy-names.ts';
import { updateJoinSettings } from '../../server/db/repositories/join-settings.ts';
import { engines, useDatabase } from '../helpers/databases.ts';
import { aFacilitator, aWorkshop, unique } from './fixtures.ts';

const NOW = new Date('2026-09-01T09:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const DEFAULT_MONTHS = 6;

const joinedDaysAgo = (db: Queryable, id: string, days: number) =>
	db.query('UPDATE participant SET created_at = $2 WHERE id = $1', [id, new Date(NOW.getTime() - days * DAY)]);

/** Every table × column of the schema that can hold a text (a name, an e-mail), bytes (the Yjs board) included. */
async function textColumns(db: Queryable): Promise<{ table: string; column: string; bytes: boolean }[]> {
	const rows = await db.query<{ table_name: string; column_name: string; data_type: string }>(
		`SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
		 JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
		 WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
		   AND c.data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY', 'bytea')`
	);
	return rows.map((r) => ({ table: r.table_name, column: r.column_name, bytes: r.data_type === 'bytea' }));
}

/** Where a string still is in the database: "table.column" of every place holding it (as UTF-8 in bytes too). */
async function whereIs(db: Queryable, needle: string): Promise<string[]> {
	const found: string[] = [];
	for (const { table, column, bytes } of await textColumns(db)) {
		const test = bytes ? `position(convert_to($1, 'UTF8') in "${column}") > 0` : `strpos("${column}"::text, $1) > 0`;
		const rows = await db.query(`SELECT 1 FROM "${table}" WHERE ${test} LIMIT 1`, [needle]);
		if (rows.length > 0) found.push(`${table}.${column}`);
	}
	return found;
}

const countsByCollege = async (db: Queryable, workshopId: string) =>
	Object.fromEntries(
		(
			await db.query<{ category: string; n: string | number }>(
				'SELECT category, count(*) AS n FROM participant WHERE workshop_id = $1 GROUP BY category ORDER BY category',
				[workshopId]
			)
		).map((r) => [r.category, Number(r.n)])
	);

describe.each(engines())('%s data rights: retention per organisation', (engine) => {
	const db = useDatabase(engine);

	test("a workshop keeps personal data for its creator's organisation's period, the shortest of several, else the default", async () => {
		const alix = await aFacilitator(db(), 'Alix');
		const loner = await aFacilitator(db(), 'Noa');
		const a = await createOrganisation(db(), { name: unique('Ville'), creatorId: alix.id });
		const b = await createOrganisation(db(), { name: unique('Département'), creatorId: alix.id });
		const w = await aWorkshop(db(), alix.id);
		const elsewhere = await aWorkshop(db(), loner.id);
		expect(await workshopRetentionMonths(db(), w.id, DEFAULT_MONTHS)).toBe(DEFAULT_MONTHS);
		await setRetentionMonths(db(), a.id, 3);
		await setRetentionMonths(db(), b.id, 12);
		expect(await organisationSettings(db(), a.id)).toEqual({ createdBy: alix.id, participantRetentionMonths: 3 });
		expect(await workshopRetentionMonths(db(), w.id, DEFAULT_MONTHS)).toBe(3);
		expect(await workshopRetentionMonths(db(), elsewhere.id, DEFAULT_MONTHS)).toBe(DEFAULT_MONTHS);
		await setRetentionMonths(db(), a.id, null);
		expect(await workshopRetentionMonths(db(), w.id, DEFAULT_MONTHS)).toBe(12);
	});

	test("the retention job erases by the organisation's period, never later than the period shown at join, and leaves others", async () => {
		const alix = await aFacilitator(db(), 'Alix');
		const org = await createOrganisation(db(), { name: unique('Ville'), creatorId: alix.id });
		await setRetentionMonths(db(), org.id, 2);
		const short = await aWorkshop(db(), alix.id);
		const byDefault = await aWorkshop(db(), (await aFacilitator(db(), 'Noa')).id);
		const inShort = await createParticipant(db(), { workshopId: short.id, displayName: unique('Nadia'), category: 'usager', retentionMonths: 2 });
		const inDefault = await createParticipant(db(), { workshopId: byDefault.id, displayName: unique('Karim'), category: 'agent', retentionMonths: 6 });
		// Told 1 month when joining: the organisation's later, longer period does not keep them longer.
		const promised = await createParticipant(db(), { workshopId: short.id, displayName: unique('Lou'), category: 'elu', retentionMonths: 1 });
		for (const p of [inShort, inDefault]) await joinedDaysAgo(db(), p.id, 75);
		await joinedDaysAgo(db(), promised.id, 40);
		await setRetentionMonths(db(), org.id, 12);
		await setRetentionMonths(db(), org.id, 2);
		expect(await eraseExpiredParticipantData(db(), NOW, DEFAULT_MONTHS)).toBeGreaterThanOrEqual(2);
		expect((await findParticipant(db(), inShort.id))!.erasedAt).toEqual(NOW);
		expect((await findParticipant(db(), promised.id))!.erasedAt).toEqual(NOW);
		expect(await findParticipant(db(), inDefault.id)).toMatchObject({ displayName: inDefault.displayName, erasedAt: null });

		// A longer period set later: someone told 2 months is still erased after 2.
		const later = await createParticipant(db(), { workshopId: short.id, displayName: unique('Sam'), category: 'usager', retentionMonths: 2 });
		await joinedDaysAgo(db(), later.id, 70);
		await setRetentionMonths(db(), org.id, 24);
		await eraseExpiredParticipantData(db(), NOW, DEFAULT_MONTHS);
		expect((await findParticipant(db(), later.id))!.displayName).toBe('');
	});

	test('after the retention job no name, age band, gender or e-mail is left anywhere in the database, and the report counts stay', async () => {
		const alix = await aFacilitator(db(), 'Alix');
		const w = await aWorkshop(db(), alix.id);
		await updateJoinSettings(db(), w.id, { askAgeBand: true, askGender: true });
		const people = [
			{ name: unique('Zoé Ürgüplü'), category: 'usager', ageBand: '25-39', gender: 'woman', email: `${unique('zoe')}@exemple.fr` },
			{ name: unique('Karim'), category: 'agent', ageBand: '60-74', gender: 'man', email: `${unique('karim')}@exemple.fr` },
			{ name: unique('Lou'), category: 'usager', ageBand: null, gender: 'other', email: null }
		] as const;
		const doc = new Y.Doc();
		const ids: string[] = [];
		for (const [i, who] of people.entries()) {
			const p = await createParticipant(db(), { workshopId: w.id, displayName: who.name, category: who.category, ageBand: who.ageBand, gender: who.gender });
			ids.push(p.id);
			if (who.email) await setAnswerEmail(db(), w.id, p.id, who.email, NOW);
			await createSession(db(), { participantId: p.id }, NOW, 30);
			// What the app stores of their writing: notes signed with their id and collège, a hidden one too.
			insertNote(doc, { id: `n${i}`, text: `idée ${i}`, x: 0, y: 0, color: 'yellow', authorId: p.id, authorCategory: who.category, createdAt: i, updatedAt: i });
			await addHiddenNote(db(), w.id, { id: `h${i}`, phaseId: 'phase', authorId: p.id, authorCategory: who.category, anonymous: false, text: `cachée ${i}` });
			await joinedDaysAgo(db(), p.id, 400);
		}
		// Someone who took part through the facilitator, named on the server.
		insertNote(doc, { id: 'proxy', text: 'dictée', x: 0, y: 0, color: 'yellow', authorId: '', authorCategory: 'usager', proxy: {}, createdAt: 9, updatedAt: 9 });
		const proxyName = unique('Mme Weber');
		await setProxyName(db(), w.id, 'proxy', proxyName);
		await db().query('UPDATE proxy_name SET created_at = $2 WHERE workshop_id = $1', [w.id, new Date(NOW.getTime() - 400 * DAY)]);
		await appendUpdate(db(), w.id, Y.encodeStateAsUpdate(doc));
		const before = await countsByCollege(db(), w.id);
		const reportBefore = (await buildReport(db(), w.id, 'fr', NOW)).participation;
		// The scan finds what is there (so an empty answer below means something).
		expect(await whereIs(db(), people[0].name)).toEqual(['participant.display_name']);
		expect(await whereIs(db(), proxyName)).toEqual(['proxy_name.name']);
		expect(await whereIs(db(), people[0].email!)).toEqual(['participant.answer_email']);

		await eraseExpiredParticipantData(db(), NOW, DEFAULT_MONTHS);

		expect(await whereIs(db(), proxyName)).toEqual([]);
		for (const who of people) {
			expect(await whereIs(db(), who.name), who.name).toEqual([]);
			if (who.email) expect(await whereIs(db(), who.email), who.email).toEqual([]);
		}
		const personal = await db().query<{ age_band: string | null; gender: string | null; answer_email: string | null; answer_email_consented_at: unknown }>(
			'SELECT age_band, gender, answer_email, answer_email_consented_at FROM participant WHERE workshop_id = $1',
			[w.id]
		);
		expect(personal).toEqual(people.map(() => ({ age_band: null, gender: null, answer_email: null, answer_email_consented_at: null })));
		// Age bands and genders live in the participant table only.
		const columns = await db().query<{ table_name: string }>(
			`SELECT DISTINCT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name IN ('age_band', 'gender')`
		);
		expect(columns.map((c) => c.table_name)).toEqual(['participant']);
		expect(await countsByCollege(db(), w.id)).toEqual(before);
		expect(before).toEqual({ agent: 1, usager: 2 });
		// The report counts the same people by collège, age band and gender, before and after.
		const reportAfter = (await buildReport(db(), w.id, 'fr', NOW)).participation;
		expect(reportAfter).toEqual(reportBefore);
		expect(reportAfter.total).toBe(3);
		const answered = (g: { groups: { group: string; count: number }[]; unanswered: number } | null) =>
			g && { ...Object.fromEntries(g.groups.filter((x) => x.count > 0).map((x) => [x.group, x.count])), unanswered: g.unanswered };
		expect(answered(reportAfter.byAgeBand)).toEqual({ '25-39': 1, '60-74': 1, unanswered: 1 });
		expect(answered(reportAfter.byGender)).toEqual({ woman: 1, man: 1, other: 1, unanswered: 0 });
		// A second run erases nobody more and counts nothing twice.
		expect(await eraseExpiredParticipantData(db(), NOW, DEFAULT_MONTHS)).toBe(0);
		expect((await buildReport(db(), w.id, 'fr', NOW)).participation).toEqual(reportBefore);
		expect(reportBefore.byCategory.filter((g) => g.count > 0).map((g) => [g.group, g.count])).toEqual([
			['agent', 1],
			['usager', 2]
		]);
		expect(await db().query('SELECT 1 FROM session WHERE participant_id = ANY($1::text[])', [ids])).toEqual([]);
	});
});

describe.each(engines())('%s data rights: one participant erased, subscribers to the answers', (engine) => {
	const db = useDatabase(engine);

	test('erasing one participant blanks their personal data at once, ends their sessions and keeps the others and the counts', async () => {
		const w = await aWorkshop(db());
		const nadia = await createParticipant(db(), { workshopId: w.id, displayName: 'Nadia', category: 'usager', ageBand: '25-39', gender: 'woman' });
		const karim = await createParticipant(db(), { workshopId: w.id, displayName: 'Karim', category: 'agent' });
		await setAnswerEmail(db(), w.id, nadia.id, 'nadia@exemple.fr', NOW);
		const { token } = await createSession(db(), { participantId: nadia.id }, NOW, 30);
		const before = await countsByCollege(db(), w.id);
		expect(await eraseParticipantData(db(), w.id, nadia.id, NOW)).toBe(true);
		expect(await findParticipant(db(), nadia.id)).toMatchObject({ displayName: '', ageBand: null, gender: null, answerEmail: null, category: 'usager', erasedAt: NOW });
		expect(await validateSession(db(), token, NOW, 30)).toBeNull();
		expect((await listParticipants(db(), w.id)).map((p) => p.id)).toEqual([karim.id]);
		expect(await countsByCollege(db(), w.id)).toEqual(before);
		// Once only, and only in their own workshop.
		expect(await eraseParticipantData(db(), w.id, nadia.id, NOW)).toBe(false);
		const other = await aWorkshop(db());
		expect(await eraseParticipantData(db(), other.id, karim.id, NOW)).toBe(false);
		expect((await findParticipant(db(), karim.id))!.displayName).toBe('Karim');
	});

	test('the report still counts a participant whose data was erased (they took part), not one a facilitator removed', async () => {
		const w = await aWorkshop(db());
		await updateJoinSettings(db(), w.id, { askGender: true });
		const [nadia, karim, lou] = await Promise.all(
			(['usager', 'agent', 'usager'] as const).map((category, i) =>
				createParticipant(db(), { workshopId: w.id, displayName: ['Nadia', 'Karim', 'Lou'][i], category, gender: (['woman', 'man', null] as const)[i] })
			)
		);
		const byCollege = async () =>
			Object.fromEntries((await buildReport(db(), w.id, 'fr', NOW)).participation.byCategory.map((g) => [g.group, g.count]));
		const byGender = async () => {
			const g = (await buildReport(db(), w.id, 'fr', NOW)).participation.byGender!;
			return { ...Object.fromEntries(g.groups.filter((x) => x.count > 0).map((x) => [x.group, x.count])), unanswered: g.unanswered };
		};
		expect(await byCollege()).toEqual({ agent: 1, usager: 2 });
		expect(await eraseParticipantData(db(), w.id, nadia.id, NOW)).toBe(true);
		expect(await byCollege()).toEqual({ agent: 1, usager: 2 });
		expect(await byGender()).toEqual({ woman: 1, man: 1, unanswered: 1 });
		// Removed by a facilitator (a phone joined by mistake, someone who was not part of the panel): not counted,
		// and erasing them later does not bring them back.
		expect(await removeParticipant(db(), w.id, karim.id, NOW)).toBe(true);
		expect(await byCollege()).toEqual({ usager: 2 });
		expect(await eraseParticipantData(db(), w.id, karim.id, new Date(NOW.getTime() + DAY))).toBe(true);
		expect(await byCollege()).toEqual({ usager: 2 });
		expect(await byGender()).toEqual({ woman: 1, unanswered: 1 });
		// Someone erased by the retention job stays counted too, and cannot be removed afterwards.
		await joinedDaysAgo(db(), lou.id, 400);
		await eraseExpiredParticipantData(db(), NOW, DEFAULT_MONTHS);
		expect(await removeParticipant(db(), w.id, lou.id, NOW)).toBe(false);
		expect(await byCollege()).toEqual({ usager: 2 });
		expect((await buildReport(db(), w.id, 'fr', NOW)).participation.total).toBe(2);
	});

	test("the answers' subscribers are the e-mails of participants who consented and were not erased, each once", async () => {
		const w = await aWorkshop(db());
		const [a, b, c, d] = await Promise.all(
			['A', 'B', 'C', 'D'].map((n) => createParticipant(db(), { workshopId: w.id, displayName: n, category: 'usager' }))
		);
		expect(await setAnswerEmail(db(), w.id, a.id, 'lea@exemple.fr', NOW)).toBe(true);
		await setAnswerEmail(db(), w.id, b.id, 'lea@exemple.fr', NOW);
		await setAnswerEmail(db(), w.id, c.id, 'cyril@exemple.fr', NOW);
		await setAnswerEmail(db(), w.id, d.id, 'dora@exemple.fr', NOW);
		await setAnswerEmail(db(), w.id, d.id, null, NOW);
		await eraseParticipantData(db(), w.id, c.id, NOW);
		expect(await readAnswerSubscribers(db(), w.id)).toEqual(['lea@exemple.fr']);
		// Erased people cannot leave one again; another workshop's participant cannot be reached.
		expect(await setAnswerEmail(db(), w.id, c.id, 'cyril@exemple.fr', NOW)).toBe(false);
		const other = await aWorkshop(db());
		expect(await setAnswerEmail(db(), other.id, a.id, 'x@exemple.fr', NOW)).toBe(false);
		expect(await readAnswerSubscribers(db(), other.id)).toEqual([]);
	});
});
