import { expect } from '@playwright/test';
import { facilitatorWithWorkshop, horizontalOverflow, joinOnPhone, joinUrlOf, seriousViolations, t, test } from './support.ts';

test('on a 360 px phone a participant opens "Mes données", reads what is stored about them, and erases it', async ({ browser }) => {
	const { page: f } = await facilitatorWithWorkshop(browser, 'Accueil des nouveaux habitants');
	const { page: p } = await joinOnPhone(browser, await joinUrlOf(f), 'usager', 'Zoé Ürgüplü');

	await p.getByRole('link', { name: t('rights.own.link') }).click();
	await expect(p.getByRole('heading', { level: 1, name: t('rights.own.title') })).toBeVisible();
	const row = (header: string) => p.getByRole('row', { name: new RegExp(`^${header}`) });
	await expect(row(t('rights.own.name'))).toContainText('Zoé Ürgüplü');
	await expect(row(t('rights.own.category'))).toContainText(t('category.usager'));
	await expect(row(t('rights.own.ageBand'))).toContainText(t('rights.own.none'));
	await expect(row(t('rights.own.email'))).toContainText(t('rights.own.none'));
	await expect(row(t('rights.own.notes'))).toContainText(t('rights.own.noteCount', { count: 0 }));
	expect(await seriousViolations(p)).toEqual([]);
	expect(await horizontalOverflow(p)).toBeLessThanOrEqual(0);

	// Erasing asks for the confirmation first; then the session ends and the page says so.
	const erase = p.getByRole('button', { name: t('rights.own.erase') });
	await erase.click();
	await expect(p).toHaveURL(/\/my-data$/);
	await p.getByRole('checkbox', { name: t('rights.own.confirm') }).check();
	await erase.click();
	await expect(p.getByRole('heading', { level: 1, name: t('rights.erased.title') })).toBeVisible();
	expect(await seriousViolations(p)).toEqual([]);
	expect(await horizontalOverflow(p)).toBeLessThanOrEqual(0);

	// The facilitator no longer sees her name; the phone's old page has no session any more.
	await f.goto(`${f.url()}/participants`);
	await expect(f.getByRole('heading', { name: t('people.list.heading', { count: 0 }) })).toBeVisible();
	await expect(f.getByText('Zoé Ürgüplü')).toHaveCount(0);
	const back = await p.goto(p.url().replace(/\/my-data\/erased$/, ''));
	expect(back?.status()).toBe(401);
});
