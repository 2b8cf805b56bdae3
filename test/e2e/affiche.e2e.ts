import { expect, type Page } from '@playwright/test';
import { PHONE, facilitatorWithWorkshop, horizontalOverflow, joinOnPhone, joinUrlOf, seriousViolations, t, test } from './support.ts';

/**
 * The Strasbourg poster validated by the room: three phones see the submitted draft, two
 * validate, one proposes a change; the facilitator sees the counts by collège and the
 * comment, takes the change in (a new version: the phones validate again) and publishes.
 */
const row = (f: Page, college: string) => f.locator(`tr[data-college="${college}"]`);
const count = (f: Page, college: string, choice: 'valide' | 'modification') => row(f, college).locator(`td[data-count="${choice}"]`);

test('three phones validate the affiche, one proposes a change the facilitator takes in, then it is published', async ({ browser }) => {
	test.setTimeout(180_000);
	const { context: fc, page: f } = await facilitatorWithWorkshop(browser, 'Accueil en mairie');
	const joinUrl = await joinUrlOf(f);
	await f.getByRole('link', { name: t('affiche.link') }).click();
	await expect(f.getByRole('heading', { level: 1, name: t('affiche.heading') })).toBeVisible();
	await expect(f.locator('html[data-hydrated]')).toBeAttached();
	await expect(f.getByLabel(t('affiche.field.title'))).toHaveValue('Accueil en mairie');
	await f.getByLabel(t('affiche.field.qualities', { max: 8 })).fill('Écoute\nClarté « sans jargon »');
	await f.getByLabel(t('affiche.field.agents', { max: 8 })).fill('Répondre sous 48 h');
	await f.getByLabel(t('affiche.field.usagers', { max: 8 })).fill('Venir avec ses pièces');
	await f.getByLabel(t('affiche.field.both', { max: 8 })).fill('Se parler avec respect');
	await f.getByRole('button', { name: t('affiche.save') }).click();
	await expect(f.getByText(t('affiche.status.draft', { version: 1 }))).toBeVisible();

	const phones = [
		await joinOnPhone(browser, joinUrl, 'agent', 'Awa'),
		await joinOnPhone(browser, joinUrl, 'usager', 'Bruno'),
		await joinOnPhone(browser, joinUrl, 'usager', 'Chloé')
	].map((p) => p.page);
	// Nothing of the draft reaches the room before it is submitted.
	await expect(phones[0].getByRole('heading', { name: t('affiche.phone.heading') })).toHaveCount(0);
	await f.getByRole('button', { name: t('affiche.submit') }).click();
	await expect(f.getByText(t('affiche.status.submitted', { version: 1 }))).toBeVisible();
	for (const p of phones) {
		await expect(p.getByRole('heading', { name: t('affiche.phone.heading') })).toBeVisible();
		await expect(p.getByText('Clarté « sans jargon »')).toBeVisible();
	}
	expect(await seriousViolations(phones[0])).toEqual([]);

	await phones[0].getByRole('button', { name: t('affiche.phone.valide') }).click();
	await expect(phones[0].getByText(t('affiche.phone.mine.valide'))).toBeVisible();
	await phones[1].getByRole('button', { name: t('affiche.phone.valide') }).click();
	await expect(phones[1].getByText(t('affiche.phone.mine.valide'))).toBeVisible();
	await phones[2].getByRole('button', { name: t('affiche.phone.modification') }).click();
	await phones[2].getByLabel(t('affiche.phone.comment')).fill('Ajouter : recevoir sans rendez-vous');
	await phones[2].getByRole('button', { name: t('affiche.phone.send') }).click();
	await expect(phones[2].getByText(t('affiche.phone.mine.modification', { comment: 'Ajouter : recevoir sans rendez-vous' }))).toBeVisible();
	expect(await horizontalOverflow(phones[2])).toBe(0);
	expect(await seriousViolations(phones[2])).toEqual([]);

	// The facilitator's counts by collège and the comment arrive live.
	await expect(count(f, 'agent', 'valide')).toHaveText('1');
	await expect(count(f, 'usager', 'valide')).toHaveText('1');
	await expect(count(f, 'usager', 'modification')).toHaveText('1');
	await expect(f.getByText('Ajouter : recevoir sans rendez-vous')).toBeVisible();
	expect(await seriousViolations(f)).toEqual([]);

	// Taking the proposal in makes version 2: the screen says the validations start again.
	await expect(f.getByText(t('affiche.newVersionWarning'))).toBeVisible();
	await f.getByLabel(t('affiche.field.agents', { max: 8 })).fill('Répondre sous 48 h\nRecevoir sans rendez-vous');
	await f.getByRole('button', { name: t('affiche.save') }).click();
	await expect(f.getByText(t('affiche.status.submitted', { version: 2 }))).toBeVisible();
	await expect(count(f, 'usager', 'modification')).toHaveText('0');
	for (const p of phones) {
		await expect(p.getByText('Recevoir sans rendez-vous')).toBeVisible();
		await expect(p.getByText(t('affiche.phone.mine.valide'))).toHaveCount(0);
		await p.getByRole('button', { name: t('affiche.phone.valide') }).click();
		await expect(p.getByText(t('affiche.phone.mine.valide'))).toBeVisible();
	}
	await expect(count(f, 'agent', 'valide')).toHaveText('1');
	await expect(count(f, 'usager', 'valide')).toHaveText('2');

	await f.getByRole('button', { name: t('affiche.publish') }).click();
	await expect(f.getByText(t('affiche.validatedBy', { valide: 3, modification: 0 }))).toBeVisible();
	for (const p of phones) await expect(p.getByText(t('affiche.phone.published'))).toBeVisible();
	expect(await seriousViolations(f)).toEqual([]);

	// The poster page is public once published, and a 360 px phone reads it without scrolling sideways.
	const posterUrl = f.url().replace(/\/affiche$/, '/affiche/poster');
	const vc = await browser.newContext({ viewport: PHONE, locale: 'fr-FR' });
	const visitor = await vc.newPage();
	await visitor.goto(posterUrl);
	await expect(visitor.getByRole('heading', { level: 1, name: 'Accueil en mairie' })).toBeVisible();
	await expect(visitor.getByText('Recevoir sans rendez-vous')).toBeVisible();
	await expect(visitor.getByText('Chloé')).toHaveCount(0);
	expect(await horizontalOverflow(visitor)).toBe(0);
	expect(await seriousViolations(visitor)).toEqual([]);
	await vc.close();
	for (const p of phones) await p.context().close();
	await fc.close();
});
