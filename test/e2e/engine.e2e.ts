import { expect, type Page } from '@playwright/test';
import { readQr, seriousViolations, t, test } from './support.ts';

/** Seconds left on the phase clock ("12:05" → 725). */
async function secondsLeft(page: Page): Promise<number> {
	const text = (await page.getByRole('timer').locator('.digits').textContent()) ?? '';
	const [m, s] = text.trim().split(':').map(Number);
	return m * 60 + s;
}

test('the facilitator runs the agenda; a phone joined by QR follows the phase and its time, even after a reload', async ({ browser }) => {
	const facilitatorContext = await browser.newContext({ locale: 'fr-FR' });
	const f = await facilitatorContext.newPage();
	await f.goto('/signup');
	await f.getByLabel(t('signup.displayName'), { exact: false }).fill('Camille');
	await f.getByLabel(t('signup.email'), { exact: false }).fill(`camille-engine-${Date.now()}@example.fr`);
	await f.getByLabel(t('signup.password'), { exact: false }).fill('un mot de passe assez long');
	await f.getByRole('button', { name: t('signup.submit') }).click();
	// A workshop from the DITP's Flash 360: its agenda is three hours.
	await f.getByLabel(t('home.new.title'), { exact: false }).fill('Crash-test du formulaire');
	await f.getByLabel(t('home.new.template'), { exact: false }).selectOption({ label: 'Flash 360' });
	await f.getByRole('button', { name: t('home.new.submit') }).click();
	await expect(f).toHaveURL(/\/w\/[^/]+$/);
	await expect(f.getByText(t('agenda.planned', { minutes: 180 }))).toBeVisible();

	// The agenda is edited live: a closing phase is added at the end.
	await f.getByLabel(t('agenda.add.title')).fill('Clôture');
	await f.getByLabel(t('agenda.add.type')).selectOption('free');
	await f.getByRole('spinbutton', { name: t('agenda.minutes') }).last().fill('5');
	await f.getByRole('button', { name: t('agenda.add.submit') }).click();
	await expect(f.getByText(t('agenda.planned', { minutes: 185 }))).toBeVisible();
	expect(await seriousViolations(f)).toEqual([]);

	// The projector shows the QR code; a phone "scans" it.
	const projector = await facilitatorContext.newPage();
	await projector.goto(f.url() + '/projector');
	const joinUrl = await readQr(projector);
	expect(joinUrl).toMatch(/\/j\/[0-9A-Z]{6,}$/);
	expect(await seriousViolations(projector)).toEqual([]);

	const phoneContext = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'fr-FR', isMobile: true, hasTouch: true });
	const p = await phoneContext.newPage();
	await p.goto(joinUrl);
	await p.getByRole('radio', { name: t('category.elu') }).check();
	await p.getByRole('button', { name: t('join.submit') }).click();
	await expect(p.getByRole('heading', { name: t('clock.notStarted') })).toBeVisible();

	// Start, then skip to the first ideation phase (the third): the phone switches mode at once.
	await f.getByRole('button', { name: t('controls.start') }).click();
	await expect(p.getByRole('heading', { name: 'Accueil et cadrage' })).toBeVisible();
	await expect(p.getByText(t('participant.mode.watch'))).toBeVisible();
	await expect(p.getByLabel(t('participant.idea.label'))).toHaveCount(0);
	await f.getByRole('button', { name: t('controls.skip') }).click();
	await expect(p.getByRole('heading', { name: 'Le pitch du porteur de projet' })).toBeVisible();
	await f.getByRole('button', { name: t('controls.skip') }).click();
	await expect(p.getByRole('heading', { name: 'Premières réactions' })).toBeVisible();
	await expect(p.getByLabel(t('participant.idea.label'))).toBeVisible();
	await expect(projector.getByRole('heading', { name: 'Premières réactions' })).toBeVisible();

	// A silent phase: the idea waits, seen by its author only, until the facilitator reveals it.
	await p.getByLabel(t('participant.idea.label')).fill('Le formulaire demande trois fois l’adresse');
	await p.getByRole('button', { name: t('participant.idea.submit'), exact: true }).click();
	await expect(p.getByRole('heading', { name: t('participant.hidden.heading', { count: 1 }) })).toBeVisible();
	await expect(projector.getByText('Le formulaire demande trois fois l’adresse')).toHaveCount(0);
	await f.getByRole('button', { name: t('controls.reveal', { count: 1 }) }).click();
	await expect(projector.getByText('Le formulaire demande trois fois l’adresse')).toBeVisible();

	// The same remaining time (±1 s) after a reload: the end time comes from the server.
	const before = await secondsLeft(p);
	const readAt = Date.now();
	expect(before).toBeGreaterThan(14 * 60 - 30);
	await p.reload();
	await expect(p.getByRole('heading', { name: 'Premières réactions' })).toBeVisible();
	const after = await secondsLeft(p);
	const elapsed = (Date.now() - readAt) / 1000;
	expect(Math.abs(before - elapsed - after)).toBeLessThanOrEqual(1.5);
	expect(await seriousViolations(p)).toEqual([]);

	// Shortened from the agenda (15 → 5 min), the running phase's end moves on every screen, also after a reload.
	const running = f.locator('li.current').getByRole('spinbutton', { name: t('agenda.minutes') });
	await running.fill('5');
	await running.press('Tab');
	const withinFiveMinutes = async (page: Page) => {
		await expect.poll(() => secondsLeft(page), { timeout: 10_000 }).toBeLessThanOrEqual(5 * 60);
		expect(await secondsLeft(page)).toBeGreaterThan(5 * 60 - 90);
	};
	for (const screen of [f, projector, p]) await withinFiveMinutes(screen);
	await p.reload();
	await projector.reload();
	for (const screen of [projector, p]) await withinFiveMinutes(screen);
	// "−1 min" takes a minute off, like "+1 min" adds one.
	const fiveLeft = await secondsLeft(p);
	await f.getByRole('button', { name: t('controls.shorten', { minutes: 1 }) }).click();
	await expect.poll(() => secondsLeft(p), { timeout: 10_000 }).toBeLessThanOrEqual(fiveLeft - 55);

	// Locking the board is shown on the phone; the printable poster passes axe too.
	await f.getByRole('button', { name: t('controls.lock') }).click();
	await expect(p.getByText(t('clock.locked'))).toBeVisible();
	await f.goto(f.url() + '/sheet');
	await expect(f.getByRole('img', { name: t('projector.qr') })).toBeVisible();
	expect(await seriousViolations(f)).toEqual([]);
	await facilitatorContext.close();
	await phoneContext.close();
});
