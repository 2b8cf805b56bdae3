import { expect } from '@playwright/test';
import { translator, type Locale } from '../../src/lib/i18n/index.ts';
import { horizontalOverflow, PHONE, seriousViolations, test } from './support.ts';

for (const locale of ['fr', 'en'] as const satisfies readonly Locale[]) {
	test(`facilitator and phone participant share a live board (${locale})`, async ({ browser }) => {
		const t = translator(locale);
		const facilitatorContext = await browser.newContext({ locale: locale === 'fr' ? 'fr-FR' : 'en-GB' });
		const f = await facilitatorContext.newPage();

		// The facilitator signs up and lands signed in.
		await f.goto('/signup');
		await expect(f.locator('html')).toHaveAttribute('lang', locale);
		expect(await seriousViolations(f)).toEqual([]);
		await f.getByLabel(t('signup.displayName'), { exact: false }).fill('Camille, mairie');
		await f.getByLabel(t('signup.email'), { exact: false }).fill(`camille-${locale}-${Date.now()}@example.fr`);
		await f.getByLabel(t('signup.password'), { exact: false }).fill('un mot de passe assez long');
		await f.getByRole('button', { name: t('signup.submit') }).click();

		// Creates a workshop and opens its board.
		await f.getByLabel(t('home.new.title'), { exact: false }).fill('Accueil en mairie');
		await f.getByRole('button', { name: t('home.new.submit') }).click();
		await expect(f).toHaveURL(/\/w\/[^/]+$/);
		await f.getByLabel(t('board.add.label')).fill('Horaires d’ouverture trop courts');
		await f.getByRole('button', { name: t('board.add.submit'), exact: true }).click();
		await expect(f.getByText('Horaires d’ouverture trop courts').first()).toBeVisible();
		expect(await seriousViolations(f)).toEqual([]);

		const joinUrl = await f.locator('a[href*="/j/"]').first().getAttribute('href');
		expect(joinUrl).toMatch(/\/j\/[0-9A-Z]+$/);

		// A citizen opens the join link on a phone and joins as "usager".
		const phoneContext = await browser.newContext({ viewport: PHONE, locale: locale === 'fr' ? 'fr-FR' : 'en-GB', isMobile: true, hasTouch: true });
		const p = await phoneContext.newPage();
		await p.goto(joinUrl!);
		expect(await seriousViolations(p)).toEqual([]);
		expect(await horizontalOverflow(p)).toBeLessThanOrEqual(0);
		await p.getByLabel(t('join.displayName'), { exact: false }).fill('Nadia');
		await p.getByRole('radio', { name: t('category.usager') }).check();
		await p.getByRole('button', { name: t('join.submit') }).click();

		// The participant sees the facilitator's note and adds one.
		await expect(p.getByText('Horaires d’ouverture trop courts')).toBeVisible();
		await p.getByLabel(t('participant.idea.label')).fill('Un rendez-vous en visio le soir');
		await p.getByRole('button', { name: t('participant.idea.submit'), exact: true }).click();
		await expect(p.getByText(t('participant.idea.sent'))).toBeVisible();
		const sentAt = Date.now();

		// The facilitator sees it within a second.
		await expect(f.getByText('Un rendez-vous en visio le soir').first()).toBeVisible({ timeout: 1_000 });
		expect(Date.now() - sentAt).toBeLessThan(1_000);

		// The participant corrects their own idea; the facilitator's board follows.
		await p.getByRole('button', { name: new RegExp(`^${t('participant.ideas.edit')}`) }).click();
		await p.getByLabel(t('participant.ideas.editLabel')).fill('Un rendez-vous en visio le soir et le samedi');
		await p.getByRole('button', { name: t('participant.ideas.save') }).click();
		await expect(f.getByText('Un rendez-vous en visio le soir et le samedi').first()).toBeVisible();

		expect(await seriousViolations(p)).toEqual([]);
		expect(await horizontalOverflow(p)).toBeLessThanOrEqual(0);
		expect(await seriousViolations(f)).toEqual([]);
		await facilitatorContext.close();
		await phoneContext.close();
	});
}

test('the language switch turns the page to English and back', async ({ page }) => {
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(translator('en')('home.heading'));
	expect(await seriousViolations(page)).toEqual([]);
	await page.getByRole('button', { name: 'Français' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
});
