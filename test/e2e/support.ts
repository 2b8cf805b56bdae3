import { expect, test as base, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { translator } from '../../src/lib/i18n/index.ts';

export const t = translator('fr');

/**
 * Playwright's test, closing every browser context a test opened once it ends: contexts made
 * with `browser.newContext()` otherwise live until the worker stops, and their open pages (live
 * sockets, timers) kept using the CPU through all later tests — the suite took twice as long.
 */
export const test = base.extend<{ closeContextsAfter: void }>({
	closeContextsAfter: [
		async ({ browser }, use) => {
			await use();
			await Promise.all(browser.contexts().map((c) => c.close()));
		},
		{ auto: true }
	]
});
export const PHONE = { width: 360, height: 740 };

/** Serious and critical WCAG 2.1 A/AA violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
	const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	return result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Nothing wider than the viewport: a 360 px phone must not scroll sideways. */
export async function horizontalOverflow(page: Page): Promise<number> {
	return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The QR code as the projector renders it, read back from a screenshot like a phone's camera would. */
export async function readQr(page: Page): Promise<string> {
	const png = PNG.sync.read(await page.getByRole('img', { name: t('projector.qr') }).screenshot());
	const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
	if (!code) throw new Error('no QR code found in the projector screenshot');
	return code.data;
}

/** A facilitator signs up (French UI) and creates a workshop, blank or from a template, maybe naming its project owner; returns its board page. */
export async function facilitatorWithWorkshop(
	browser: Browser,
	title: string,
	{ template, owner, baseURL }: { template?: string; owner?: { name: string; email: string; organisation: string }; baseURL?: string } = {}
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1400, height: 1000 }, ...(baseURL ? { baseURL } : {}) });
	const page = await context.newPage();
	await page.goto('/signup');
	await page.getByLabel(t('signup.displayName'), { exact: false }).fill('Camille');
	await page.getByLabel(t('signup.email'), { exact: false }).fill(`camille-${Date.now()}-${Math.random().toString(36).slice(2)}@example.fr`);
	await page.getByLabel(t('signup.password'), { exact: false }).fill('un mot de passe assez long');
	await page.getByRole('button', { name: t('signup.submit') }).click();
	await page.getByLabel(t('home.new.title'), { exact: false }).fill(title);
	if (template) await page.getByLabel(t('home.new.template'), { exact: false }).selectOption({ label: template });
	if (owner) {
		const fields = page.getByRole('group', { name: new RegExp(t('home.new.owner.legend')) });
		await fields.getByLabel(t('decisions.owners.name'), { exact: false }).fill(owner.name);
		await fields.getByLabel(t('decisions.owners.email'), { exact: false }).fill(owner.email);
		await fields.getByLabel(t('decisions.owners.organisation'), { exact: false }).fill(owner.organisation);
	}
	await page.getByRole('button', { name: t('home.new.submit') }).click();
	await expect(page).toHaveURL(/\/w\/[^/]+$/);
	return { context, page };
}

/** Adds a phase at the end of the agenda through the live agenda editor; `plannedAfter` is the new total. */
export async function addPhase(page: Page, title: string, type: string, minutes: number, plannedAfter: number): Promise<void> {
	await page.getByLabel(t('agenda.add.title')).fill(title);
	await page.getByLabel(t('agenda.add.type')).selectOption(type);
	await page.getByRole('spinbutton', { name: t('agenda.minutes') }).last().fill(String(minutes));
	await page.getByRole('button', { name: t('agenda.add.submit') }).click();
	await expect(page.getByText(t('agenda.planned', { minutes: plannedAfter }))).toBeVisible();
}

/** A phone joins through the workshop's join link as the given category. */
export async function joinOnPhone(browser: Browser, joinUrl: string, category: string, name: string): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ viewport: PHONE, locale: 'fr-FR', isMobile: true, hasTouch: true });
	const page = await context.newPage();
	await page.goto(joinUrl);
	await page.getByLabel(t('join.displayName'), { exact: false }).fill(name);
	await page.getByRole('radio', { name: t(`category.${category}` as 'category.usager') }).check();
	await page.getByRole('button', { name: t('join.submit') }).click();
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	return { context, page };
}

export async function joinUrlOf(page: Page): Promise<string> {
	const href = await page.locator('a[href*="/j/"]').first().getAttribute('href');
	if (!href) throw new Error('no join link on the board');
	return href;
}

/** Presses Tab, as a keyboard user would, until `target` has the focus (at most `presses` times). */
export async function tabTo(page: Page, target: Locator, presses = 80): Promise<void> {
	for (let i = 0; i < presses && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
	await expect(target).toBeFocused();
}
