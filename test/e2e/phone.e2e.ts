import { expect, type Locator, type Page } from '@playwright/test';
import type { Socket } from 'socket.io-client';
import { horizontalOverflow, PHONE, seriousViolations, t, test } from './support.ts';
import { createWorkshop, joinAs, signUp } from '../helpers/http.ts';
import { connected, liveClient, send, syncClient } from '../helpers/clients.ts';
import { createCluster } from '../../src/lib/domain/board/clusters.ts';
import { NOTE_TEXT_MAX } from '../../src/lib/domain/board/notes.ts';
import type { Phase } from '../../src/lib/domain/agenda/phase.ts';
import type { PhaseType } from '../../src/lib/domain/phases/registry.ts';

const LONG = 'Présentez l’objectif, le déroulé et les règles du jeu : chaque avis compte, on critique le projet, pas les personnes. '.repeat(3);
const prompts = ['Fond : obstacles', 'Fond : leviers', 'Forme : obstacles', 'Forme : leviers', 'Juridique : obstacles', 'Juridique : leviers', 'Financier : obstacles', 'Financier : leviers'];
const phase = (id: string, type: PhaseType, settings: Phase['settings'] = {}): Phase => ({ id, type, title: `Séquence ${id}`, minutes: 10, instructions: LONG, settings });
// Every phase kind, in a workshop's order (a vote before the priorities it feeds).
const AGENDA: Phase[] = [
	phase('accueil', 'welcome'),
	phase('pitch', 'pitch'),
	phase('reactions', 'ideation', { silent: true, prompts: prompts.slice(0, 3) }),
	phase('personas', 'persona'),
	phase('crash', 'ideation', { prompts }),
	phase('position', 'positioning'),
	phase('pause', 'break'),
	phase('regroupement', 'clustering'),
	phase('vote', 'vote', { dots: 5, maxDotsPerItem: 2 }),
	phase('sondage', 'poll', { question: 'Avez-vous déjà fait cette démarche en ligne ?', choices: ['Oui', 'Non', 'Je ne sais pas'] }),
	phase('priorites', 'priorities', { top: 5 }),
	phase('decisions', 'decisions'),
	phase('libre', 'free')
];

/** What a thumb needs in each kind: the composer or the kind's main control. */
function mainControl(page: Page, type: PhaseType): Locator[] {
	switch (type) {
		case 'ideation':
			return [page.locator('form.idea')];
		case 'free':
			return [page.locator('form.idea')];
		case 'persona':
			return [page.getByRole('heading', { name: t('persona.heading'), exact: true }), page.getByRole('button', { name: t('persona.create') })];
		case 'positioning':
			return [page.locator('section.placer')];
		case 'clustering':
			return [page.getByRole('heading', { name: t('participant.cluster.heading'), exact: true }), page.locator('section.file select').first()];
		case 'vote':
			return [page.getByRole('heading', { name: t('vote.heading'), exact: true }), page.locator('section.vote li').first()];
		case 'poll':
			return [page.locator('section.poll form')];
		case 'priorities':
			return [page.getByRole('heading', { name: t('priorities.heading'), exact: true }), page.locator('fieldset.item').first()];
		case 'decisions':
			return [page.locator('section.decisions li').first()];
		case 'break':
			return [page.getByText(t('participant.mode.rest'))];
		default:
			return [page.getByText(t('participant.mode.watch'))];
	}
}

/** Visible buttons, links and fields smaller than 44 × 44 px (a radio or checkbox counts with its label, which takes the tap too). */
function smallTargets(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const small: string[] = [];
		for (const el of document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, summary, [role="button"]')) {
			if (el.closest('.sr-only') || el.classList.contains('skip-link') || (el as HTMLInputElement).type === 'hidden') continue;
			let r = el.getBoundingClientRect();
			if (el.matches('input[type="radio"], input[type="checkbox"]')) {
				// The box and its label take the tap together (a wrapping label, or one pointing at it beside it).
				const label = el.closest('label') ?? (el.id ? document.querySelector(`label[for="${el.id}"]`) : null);
				const l = label?.getBoundingClientRect();
				if (l) {
					const [left, top] = [Math.min(r.left, l.left), Math.min(r.top, l.top)];
					r = new DOMRect(left, top, Math.max(r.right, l.right) - left, Math.max(r.bottom, l.bottom) - top);
				}
			}
			const style = getComputedStyle(el);
			if (r.width <= 1 || r.height <= 1 || style.visibility === 'hidden') continue;
			if (r.width < 43.5 || r.height < 43.5) small.push(`${el.tagName.toLowerCase()} “${(el.textContent || el.getAttribute('aria-label') || el.id).trim().slice(0, 30)}” ${Math.round(r.width)}×${Math.round(r.height)}`);
		}
		return small;
	});
}

/** The screen as a thumb finds it: the main control fully in the first screen, no sideways scroll, no small target, axe clean. */
async function checkScreen(page: Page, type: PhaseType, what: string): Promise<void> {
	expect.soft(await page.evaluate(() => window.scrollY), what).toBe(0);
	for (const control of mainControl(page, type)) {
		await expect(control, what).toBeVisible();
		const box = (await control.boundingBox())!;
		expect.soft(box.y, `${what}: top of the main control`).toBeGreaterThanOrEqual(0);
		expect.soft(box.y + box.height, `${what}: bottom of the main control`).toBeLessThanOrEqual(PHONE.height);
	}
	expect.soft(await horizontalOverflow(page), what).toBeLessThanOrEqual(0);
	expect.soft(await smallTargets(page), what).toEqual([]);
	expect.soft(await seriousViolations(page), what).toEqual([]);
	await page.screenshot({ path: test.info().outputPath(`phone-${what}.png`) });
}

test('a 360 × 740 phone in every phase kind: compact header, the composer or control in the first screen, big targets, one idea per double tap', async ({ browser, baseURL }) => {
	const base = baseURL!;
	const owner = await signUp(base);
	const w = await createWorkshop(base, owner, 'Crash-test du guichet unique');
	const f: Socket = liveClient(base, w.id, { cookie: owner });
	const other: Socket = liveClient(base, w.id, { cookie: await joinAs(base, w.joinCode, 'Paul', 'agent') });
	await Promise.all([connected(f), connected(other)]);
	let n = 0;
	const cmd = () => `phone-e2e-${Date.now()}-${n++}`;
	const ok = async (socket: Socket, event: string, input: object = {}) => {
		const res = await send<Record<string, unknown>>(socket, event, { commandId: cmd(), ...input });
		expect(res, event).toMatchObject({ ok: true });
		return res.ok ? res.value : {};
	};
	await ok(f, 'agenda.save', { phases: AGENDA });

	// The code as someone types it from the projector: lower case, a dash, look-alike letters.
	const typed = [...w.joinCode].map((c) => ({ '0': 'o', '1': 'l', '2': 'z', '5': 's', '8': 'b' })[c] ?? c.toLowerCase()).join('');
	const context = await browser.newContext({ viewport: PHONE, locale: 'fr-FR', isMobile: true, hasTouch: true });
	const page = await context.newPage();
	await page.goto(`/j/${typed.slice(0, 3)}-${typed.slice(3)}`);
	await expect(page).toHaveURL(new RegExp(`/j/${w.joinCode}$`));
	// The way in is for thumbs too, and asks for no account.
	await expect(page.getByRole('link', { name: t('nav.signin') })).toHaveCount(0);
	expect(await smallTargets(page)).toEqual([]);
	expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
	await page.getByLabel(t('join.displayName'), { exact: false }).fill('Nadia');
	await page.getByRole('radio', { name: t('category.usager') }).check();
	await page.getByRole('button', { name: t('join.submit') }).click();
	await expect(page).toHaveURL(/\/p\/[a-z2-7]+$/);
	await expect(page.locator('html[data-hydrated]')).toBeAttached();

	// A compact header: the workshop, the connection, who I am; no account links.
	await expect(page.getByRole('heading', { level: 1, name: 'Crash-test du guichet unique' })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: t('participant.status.connected') })).toBeVisible();
	await expect(page.getByText(t('participant.you', { name: 'Nadia', category: t('category.usager') }))).toBeVisible();
	await expect(page.getByRole('link', { name: t('nav.signin') })).toHaveCount(0);
	await expect(page.getByRole('link', { name: t('nav.signup') })).toHaveCount(0);
	await expect(page.getByText(t('app.tagline'))).toHaveCount(0);
	await expect(page.getByRole('button', { name: t('lang.other') })).toBeVisible();

	await ok(f, 'phase.start');
	for (const [i, p] of AGENDA.entries()) {
		if (i > 0) await ok(f, 'phase.skip');
		await expect(page.getByRole('heading', { level: 2, name: p.title, exact: true })).toBeVisible();
		await page.evaluate(() => window.scrollTo(0, 0));
		if (p.id === 'reactions') {
			// Others' ideas wait, and every phone says how many.
			await ok(other, 'note.add', { text: 'Trop de pièces justificatives' });
			await ok(other, 'note.add', { text: 'Horaires trop courts' });
			await expect(page.getByText(t('participant.waiting.many', { count: 2 }))).toBeVisible();
		}
		if (p.id === 'crash') {
			// A paste longer than the limit is kept whole and explained, never cut or sent.
			const box = page.getByLabel(t('participant.idea.label'));
			await box.fill('a'.repeat(NOTE_TEXT_MAX + 100));
			await expect(box).toHaveValue('a'.repeat(NOTE_TEXT_MAX + 100));
			await expect(page.getByText(t('participant.idea.tooLong', { count: NOTE_TEXT_MAX + 100, max: NOTE_TEXT_MAX, over: 100 }))).toBeVisible();
			await page.getByRole('button', { name: t('participant.idea.submit') }).click();
			await expect(box).toHaveValue('a'.repeat(NOTE_TEXT_MAX + 100));
			// A double tap sends one idea and shows one confirmation, never the empty-text error.
			await box.fill('Un seul guichet pour toutes les démarches');
			await expect(page.getByText(t('participant.idea.counter', { count: 41, max: NOTE_TEXT_MAX }))).toBeVisible();
			await page.getByRole('button', { name: t('participant.idea.submit') }).dblclick();
			await expect(page.getByText(t('participant.idea.sent'))).toBeVisible();
			await expect(page.getByText(t('participant.idea.empty'))).toHaveCount(0);
			await expect(page.locator('li[id^="note-"]').filter({ hasText: 'Un seul guichet pour toutes les démarches' })).toHaveCount(1);
		}
		if (p.id === 'regroupement') {
			const editor = syncClient(base, w.id, { cookie: owner });
			await editor.synced;
			createCluster(editor.doc, { id: 'accueil-cluster', label: 'Accueil', now: Date.now() });
			await expect(page.locator('section.file select').first()).toBeVisible();
			editor.destroy();
		}
		if (p.id === 'vote') await ok(other, 'vote.set', { itemId: 'accueil-cluster', dots: 2 });
		if (p.id === 'priorites') await expect(page.locator('fieldset.item').first()).toBeVisible();
		if (p.id === 'decisions') {
			await ok(f, 'decision.save', { decision: { title: 'Ouvrir le guichet le samedi matin', commits: ['agent'], status: 'confirmed' } });
			await expect(page.getByText('Ouvrir le guichet le samedi matin')).toBeVisible();
		}
		await checkScreen(page, p.type, p.id);
	}
	// Once the workshop has ended, the phone still holds no small target.
	await ok(f, 'phase.skip');
	await expect(page.getByRole('heading', { level: 2, name: t('clock.ended') })).toBeVisible();
	expect.soft(await smallTargets(page), 'ended').toEqual([]);
	expect.soft(await horizontalOverflow(page), 'ended').toBeLessThanOrEqual(0);
	expect.soft(await seriousViolations(page), 'ended').toEqual([]);
	// Still one: the double tap never sent a second copy later.
	await expect(page.locator('li[id^="note-"]').filter({ hasText: 'Un seul guichet pour toutes les démarches' })).toHaveCount(1);
	f.close();
	other.close();
});
