import { expect } from '@playwright/test';
import { PHONE, addPhase, facilitatorWithWorkshop, horizontalOverflow, joinOnPhone, joinUrlOf, seriousViolations, t, test } from './support.ts';

test('the facilitator writes a decision during a decisions phase; a 360 px phone reads it', async ({ browser }) => {
	test.setTimeout(150_000);
	const { context: fc, page: f } = await facilitatorWithWorkshop(browser, 'Accueil en mairie');
	await addPhase(f, 'Décisions et engagements', 'decisions', 20, 20);
	const { context: pc, page: phone } = await joinOnPhone(browser, await joinUrlOf(f), 'usager', 'Nadia');
	// An élu follows from his office through the observer link (read only).
	const boardUrl = f.url();
	await f.goto(`${boardUrl}/participants`);
	await f.getByRole('button', { name: t('roles.observer.create') }).click();
	const observerUrl = await f.getByLabel(t('roles.observer.url')).inputValue();
	await f.goto(boardUrl);
	const oc = await browser.newContext({ locale: 'fr-FR' });
	const observer = await oc.newPage();
	await observer.goto(observerUrl);
	await expect(observer.getByRole('heading', { level: 1, name: 'Accueil en mairie' })).toBeVisible();
	await f.getByRole('button', { name: t('controls.start') }).click();

	// The panel opens by itself during the decisions phase.
	const title = f.getByRole('textbox', { name: new RegExp(t('decisions.form.title')) }).last();
	await expect(title).toBeVisible();
	await title.fill('Les agents s’engagent à rappeler sous 48 h');
	const commits = f.getByRole('group', { name: t('decisions.commits') }).last();
	await commits.getByRole('checkbox', { name: t('decisions.commit.agent') }).check();
	await f.getByLabel(t('decisions.form.responsible')).last().fill('Service accueil <b>et</b> état civil');
	await f.getByLabel(t('decisions.form.dueDate')).last().fill('2026-06-30');
	await f.getByLabel(t('decisions.form.answerBy')).last().fill('2026-03-15');
	await f.getByRole('button', { name: t('decisions.form.add') }).click();
	await expect(f.getByRole('status').filter({ hasText: t('decisions.saved', { title: 'Les agents s’engagent à rappeler sous 48 h' }) })).toBeVisible();

	// The phone shows it, read-only, with who commits, who is responsible and the dates; markup stays text.
	await expect(phone.getByText('Les agents s’engagent à rappeler sous 48 h')).toBeVisible();
	await expect(phone.getByText('Service accueil <b>et</b> état civil')).toBeVisible();
	await expect(phone.getByText(t('decisions.commit.agent'), { exact: true })).toBeVisible();
	await expect(phone.getByText('30 juin 2026')).toBeVisible();
	await expect(phone.getByText('15 mars 2026')).toBeVisible();
	await expect(phone.getByRole('button', { name: t('decisions.edit') })).toHaveCount(0);
	// The observer's page shows the phase and the decision too, read only.
	// (the phase's title on the clock, and the decisions' own heading)
	await expect(observer.getByRole('heading', { name: 'Décisions et engagements' })).toHaveCount(2);
	await expect(observer.getByRole('timer')).toBeVisible();
	await expect(observer.getByText('Les agents s’engagent à rappeler sous 48 h')).toBeVisible();
	await expect(observer.getByText('30 juin 2026')).toBeVisible();
	await expect(observer.getByRole('button', { name: t('decisions.edit') })).toHaveCount(0);
	expect(await seriousViolations(observer)).toEqual([]);
	await oc.close();
	expect(await horizontalOverflow(phone)).toBe(0);
	expect(await seriousViolations(phone)).toEqual([]);
	expect(await seriousViolations(f)).toEqual([]);
	// The facilitator's panel works on a 360 px screen too: nothing in it reaches past the edge.
	await f.setViewportSize(PHONE);
	const widest = await f.locator('.decisions-panel').evaluate((panel) =>
		Math.max(...[panel, ...panel.querySelectorAll('*')].map((el) => el.getBoundingClientRect().right))
	);
	expect(widest).toBeLessThanOrEqual(PHONE.width);
	await pc.close();
	await fc.close();
});
