import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, removeDir, type RunningServer } from '../helpers/server-process.ts';
import { liveClient, connected, send, eventually, eventuallyAsync } from '../helpers/clients.ts';
import { createWorkshop, joinAs, observerCookie, post, signUp } from '../helpers/http.ts';
import { createTestDatabaseUrl } from '../helpers/databases.ts';
import { startSmtp, type ReceivedMail } from '../helpers/smtp.ts';
import type { DecisionDraft } from '../../src/lib/domain/decisions/decision.ts';

/**
 * Back to the owners through the built server and a real SMTP server on loopback: closing
 * e-mails each owner a working link with the report as PDF; a late answer brings a reminder
 * (the delay shortened to seconds through the environment); every bad input is refused and
 * changes nothing.
 */
const REMINDER_SECONDS = 6;
let server: RunningServer;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let database: { url: string; drop(): Promise<void> } | null = null;
let facilitator: string;
let subscriber: string;
let workshop: { id: string; joinCode: string };
let other: { id: string; joinCode: string };
const sockets: Socket[] = [];
let ids = 0;
const cmd = () => `owners-${Date.now()}-${ids++}`;
const decisionIds: Record<string, string> = {};

const draft = (title: string, extra: Partial<DecisionDraft> = {}): DecisionDraft => ({
	title,
	text: 'Les agents de l’accueil testent la nouvelle version avec dix usagers.',
	commits: ['agent', 'owner'],
	responsible: 'Service relation usagers',
	dueDate: '2027-06-30',
	answerBy: '2026-01-10',
	status: 'confirmed',
	sourceId: null,
	...extra
});

async function facilitatorSocket(workshopId: string, cookie: string): Promise<Socket> {
	const s = liveClient(server.url, workshopId, { cookie });
	sockets.push(s);
	await connected(s);
	return s;
}
async function save(s: Socket, d: DecisionDraft & { id?: string }): Promise<string> {
	const res = await send<{ decisionId: string }>(s, 'decision.save', { commandId: cmd(), decision: d });
	if (!res.ok) throw new Error(res.error.message);
	return res.value.decisionId;
}
const tokensIn = (text: string) => [...new Set([...text.matchAll(/\/porteur\/([a-z2-7]{32})/g)].map((m) => m[1]))];
const mailsTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address));
const linkOf = (m: ReceivedMail) => tokensIn(m.text)[0];
const page = async (path: string, cookie = '') => fetch(`${server.url}${path}`, { headers: { 'accept-language': 'fr', ...(cookie ? { cookie } : {}) } });
const answer = (token: string, fields: Record<string, string>) => post(`${server.url}/porteur/${token}?/answer`, { answer: '', reason: '', criteria: '', plannedFor: '', ...fields });

beforeAll(async () => {
	smtp = await startSmtp();
	if (process.env.DATABASE_URL) database = await createTestDatabaseUrl();
	server = await startServer({
		databaseUrl: database?.url,
		env: { SMTP_URL: smtp.url, OWNER_REMINDER_DAYS: String(REMINDER_SECONDS / 86_400), CONCERTO_OWNER_REMINDER_EVERY_MINUTES: '0.01' }
	});
	facilitator = await signUp(server.url);
	workshop = await createWorkshop(server.url, facilitator, 'Accueil en mairie');
	subscriber = await joinAs(server.url, workshop.joinCode, 'Samira', 'usager');
	const live = await facilitatorSocket(workshop.id, facilitator);
	const owners = [
		{ name: 'Aline Porteuse', email: 'aline@mairie.example.fr', organisation: 'Mairie' },
		{ name: 'Bruno Porteur', email: 'bruno@metropole.example.fr', organisation: '' }
	];
	expect(await send(live, 'owners.save', { commandId: cmd(), owners })).toMatchObject({ ok: true });
	// Late: its answer date has passed. Not yet due: answered by 2099. Lacking a responsible: stops the closing.
	decisionIds.late = await save(live, draft('Un formulaire unique « état civil »'));
	decisionIds.later = await save(live, draft('Un guichet ouvert le samedi', { answerBy: '2099-01-01' }));
	decisionIds.orphan = await save(live, draft('Des horaires affichés en ligne', { responsible: '', answerBy: '2099-01-01' }));
	await save(live, draft('Une idée restée proposée', { status: 'proposed', responsible: '', answerBy: null }));

	// Another workshop of the same facilitator, closed too: its decision is someone else's for Aline.
	other = await createWorkshop(server.url, facilitator, 'Autre atelier');
	const otherLive = await facilitatorSocket(other.id, facilitator);
	await send(otherLive, 'owners.save', { commandId: cmd(), owners: [{ name: 'Chloé', email: 'chloe@example.fr', organisation: '' }] });
	decisionIds.elsewhere = await save(otherLive, draft('Décision d’un autre atelier', { answerBy: '2099-01-01' }));
	expect((await post(`${server.url}/w/${other.id}?/close`, {}, facilitator)).status).toBe(200);
	await eventually(() => mailsTo('chloe@example.fr').length === 1, 'the other workshop’s owner e-mail', 15_000);
}, 120_000);

afterAll(async () => {
	for (const s of sockets) s.close();
	await server?.kill();
	if (server) removeDir(server.dataDir);
	await smtp?.close();
	await database?.drop();
});

describe('closing a workshop and the owners’ links', () => {
	test('a participant, an observer and another workshop’s facilitator cannot close it: refused, nothing changes', async () => {
		const participant = await joinAs(server.url, workshop.joinCode, 'Fatou', 'usager');
		const observer = await observerCookie(server.url, workshop.id, facilitator);
		const stranger = await signUp(server.url);
		for (const [who, cookie] of [['participant', participant], ['observer', observer], ['stranger', stranger], ['nobody', '']] as const) {
			const res = await post(`${server.url}/w/${workshop.id}?/close`, {}, cookie);
			expect([401, 403], who).toContain(res.status);
		}
		// Still open: the join link still offers the form, and nobody was e-mailed.
		expect(await (await page(`/j/${workshop.joinCode}`)).text()).toContain('name="category"');
		expect(mailsTo('aline@mairie.example.fr')).toEqual([]);
	});

	test('closing is refused while a confirmed decision lacks a responsible, naming it; once fixed it closes and shows each link once', async () => {
		const refused = await post(`${server.url}/w/${workshop.id}?/close`, {}, facilitator);
		expect(refused.status).toBe(409);
		const html = await refused.text();
		expect(html).toContain('L’atelier ne peut pas encore être clôturé');
		expect(html).toContain('Des horaires affichés en ligne');
		expect(tokensIn(html)).toEqual([]);

		const live = sockets[0];
		await save(live, { ...draft('Des horaires affichés en ligne', { answerBy: '2099-01-01' }), id: decisionIds.orphan });
		const closed = await post(`${server.url}/w/${workshop.id}?/close`, {}, facilitator);
		expect(closed.status).toBe(200);
		const links = tokensIn(await closed.text());
		expect(links).toHaveLength(2);
		// Shown once: the page loaded again carries no link.
		expect(tokensIn(await (await page(`/w/${workshop.id}`, facilitator)).text())).toEqual([]);
		// Closing again is harmless: no new link, no new e-mail.
		expect(tokensIn(await (await post(`${server.url}/w/${workshop.id}?/close`, {}, facilitator)).text())).toEqual([]);
		// Closed, its decisions no longer change.
		expect(await send(live, 'decision.save', { commandId: cmd(), decision: { ...draft('Modifiée après coup'), id: decisionIds.late } })).toMatchObject({
			ok: false,
			error: { code: 'phase_closed' }
		});
	});

	test('each owner gets an e-mail with a link that opens their page and the report attached as a PDF', async () => {
		await eventually(() => mailsTo('aline@mairie.example.fr').length >= 1 && mailsTo('bruno@metropole.example.fr').length >= 1, 'both owners’ e-mails', 15_000);
		const mail = mailsTo('aline@mairie.example.fr')[0];
		expect(mail.text).toContain('Bonjour Aline Porteuse');
		expect(mail.text).toContain('« Accueil en mairie »');
		const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf');
		expect(pdf?.content.subarray(0, 5).toString()).toBe('%PDF-');
		const dir = mkdtempSync(join(tmpdir(), 'owners-pdf-'));
		try {
			writeFileSync(join(dir, 'report.pdf'), pdf!.content);
			const text = execFileSync('pdftotext', [join(dir, 'report.pdf'), '-'], { encoding: 'utf8' });
			expect(text).toContain('Un formulaire unique « état civil »');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
		const res = await page(`/porteur/${linkOf(mail)}`);
		expect(res.status).toBe(200);
		expect(res.headers.get('referrer-policy')).toBe('no-referrer');
		const html = await res.text();
		for (const title of ['Un formulaire unique « état civil »', 'Un guichet ouvert le samedi', 'Des horaires affichés en ligne']) expect(html).toContain(title);
		expect(html).not.toContain('Une idée restée proposée');
		expect(html).toContain('Service relation usagers');
		// The facilitator sees the e-mails went out.
		expect(await (await page(`/w/${workshop.id}`, facilitator)).text()).toContain('E-mail envoyé le');
	});

	test('an unanswered decision past its answer date brings each owner a reminder with a fresh link; the old one then reads as replaced', async () => {
		await eventually(
			() => mailsTo('aline@mairie.example.fr').length >= 2 && mailsTo('bruno@metropole.example.fr').length >= 2,
			'the reminders',
			(REMINDER_SECONDS + 20) * 1000
		);
		const [first, reminder] = mailsTo('aline@mairie.example.fr');
		expect(reminder.text).toContain('La date de réponse est passée');
		expect(reminder.text).toContain('Un formulaire unique « état civil »');
		expect(reminder.text).not.toContain('Un guichet ouvert le samedi');
		const replaced = await page(`/porteur/${linkOf(first)}`);
		expect(replaced.status).toBe(410);
		expect(await replaced.text()).not.toContain('Accueil en mairie');
		// The facilitator's page flags the late decision.
		expect(await (await page(`/w/${workshop.id}`, facilitator)).text()).toContain('toujours sans réponse');

		// Answered, nothing is late any more.
		const fresh = linkOf(mailsTo('aline@mairie.example.fr').at(-1)!);
		expect((await answer(fresh, { decisionId: decisionIds.late, answer: 'accepted', criteria: 'Budget 2027', plannedFor: '2027-03-01' })).status).toBe(200);
		expect(await (await page(`/w/${workshop.id}`, facilitator)).text()).not.toContain('toujours sans réponse');
	});

	test('bad input changes nothing: unknown links, a refusal without reason, another workshop’s decision', async () => {
		const fresh = linkOf(mailsTo('aline@mairie.example.fr').at(-1)!);
		for (const bad of ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'nope', `${fresh}x`]) {
			const res = await page(`/porteur/${bad}`);
			expect(res.status, bad).toBe(404);
			expect(await res.text()).not.toContain('Accueil en mairie');
			expect((await answer(bad, { decisionId: decisionIds.later, answer: 'accepted' })).status).toBe(404);
		}
		const noReason = await answer(fresh, { decisionId: decisionIds.later, answer: 'declined' });
		expect(noReason.status).toBe(400);
		expect(await noReason.text()).toContain('Expliquez pourquoi');
		const forged = await answer(fresh, { decisionId: decisionIds.elsewhere, answer: 'declined', reason: 'Forgé' });
		expect(forged.status).toBe(404);
		// Neither workshop's public page shows any of it.
		const mine = await (await page(`/j/${workshop.joinCode}`)).text();
		expect(mine).toContain('Retenue');
		expect(mine).not.toContain('Écartée');
		const theirs = await (await page(`/j/${other.joinCode}`)).text();
		expect(theirs).toContain('Décision d’un autre atelier');
		expect(theirs).not.toContain('Forgé');
		expect(theirs).toContain('Pas encore de réponse');
	});

	test('the public page shows decisions and answers with their history, never an owner’s e-mail nor a participant’s name', async () => {
		const fresh = linkOf(mailsTo('aline@mairie.example.fr').at(-1)!);
		expect((await answer(fresh, { decisionId: decisionIds.late, answer: 'in_progress', reason: 'Marché lancé' })).status).toBe(200);
		const html = await (await page(`/j/${workshop.joinCode}`)).text();
		expect(html).toContain('En cours');
		expect(html).toContain('Marché lancé');
		expect(html).toContain('Réponses précédentes (1)');
		for (const secret of ['aline@mairie.example.fr', 'bruno@metropole.example.fr', 'Fatou']) expect(html).not.toContain(secret);
	});

	test('an e-mail the SMTP server refuses never blocks the closing: the facilitator sees it unsent, and the job sends it once the server accepts', async () => {
		const third = await createWorkshop(server.url, facilitator, 'Troisième atelier');
		const live = await facilitatorSocket(third.id, facilitator);
		await send(live, 'owners.save', { commandId: cmd(), owners: [{ name: 'Dalila', email: 'dalila@example.fr', organisation: '' }] });
		await save(live, draft('Un accueil sans rendez-vous', { answerBy: '2099-01-01' }));
		smtp.refused.add('dalila@example.fr');
		const closed = await post(`${server.url}/w/${third.id}?/close`, {}, facilitator);
		expect(closed.status).toBe(200);
		expect(tokensIn(await closed.text())).toHaveLength(1);
		const board = async () => (await page(`/w/${third.id}`, facilitator)).text();
		await eventuallyAsync(async () => (await board()).includes('E-mail non envoyé'), 'the unsent e-mail on the board', 15_000);
		smtp.refused.delete('dalila@example.fr');
		await eventually(() => mailsTo('dalila@example.fr').length === 1, 'the retried e-mail', 15_000);
		const retried = await page(`/porteur/${linkOf(mailsTo('dalila@example.fr')[0])}`);
		expect(retried.status).toBe(200);
		expect(await retried.text()).toContain('Un accueil sans rendez-vous');
		await eventuallyAsync(async () => (await board()).includes('E-mail envoyé le'), 'the sent e-mail on the board', 15_000);
	});

	test('a participant who left their e-mail hears of each answer, with the link to the results page', async () => {
		// After the closing, the phone offers the e-mail with a consent box.
		const refused = await post(`${server.url}/p/${workshop.id}?/answerEmail`, { email: 'samira@exemple.fr' }, subscriber);
		expect(refused.status).toBe(400);
		expect((await post(`${server.url}/p/${workshop.id}?/answerEmail`, { email: 'samira@exemple.fr', consent: 'on' }, subscriber)).status).toBe(200);
		const fresh = linkOf(mailsTo('bruno@metropole.example.fr').at(-1)!);
		const reason = 'Le samedi, l’accueil est fermé faute d’agents ; un créneau tardif le jeudi est ouvert à la place';
		expect((await answer(fresh, { decisionId: decisionIds.later, answer: 'adapted', reason })).status).toBe(200);
		await eventually(() => mailsTo('samira@exemple.fr').length === 1, 'the news of the answer', 15_000);
		const news = mailsTo('samira@exemple.fr')[0];
		expect(news.text).toContain('Un guichet ouvert le samedi');
		expect(news.text).toContain('Adaptée');
		expect(news.text).toContain(reason);
		expect(news.text).toContain(`/j/${workshop.joinCode}`);
		// Nobody else's address, and no other participant was written to.
		expect(news.to).toEqual(['samira@exemple.fr']);
	});
});
