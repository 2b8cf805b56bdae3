import { expect, type Page } from '@playwright/test';
import { translator } from '../../src/lib/i18n/index.ts';
import { horizontalOverflow, PHONE, seriousViolations, t, test } from './support.ts';

/** Accessible and without sideways scrolling on a 360 px phone. */
async function expectUsable(page: Page) {
	expect(await seriousViolations(page)).toEqual([]);
	expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
}

test('creating a workshop from flash-360 gives an agenda of 180 minutes', async ({ browser }) => {
	const context = await browser.newContext({ viewport: PHONE, locale: 'fr-FR' });
	const page = await context.newPage();
	await page.goto('/signup');
	await page.getByLabel(t('signup.displayName'), { exact: false }).fill('Camille, laboratoire');
	await page.getByLabel(t('signup.email'), { exact: false }).fill(`camille-templates-${Date.now()}@example.fr`);
	await page.getByLabel(t('signup.password'), { exact: false }).fill('un mot de passe assez long');
	await page.getByRole('button', { name: t('signup.submit') }).click();
	await page.waitForURL((u) => u.pathname === '/');

	await page.getByLabel(t('home.new.title'), { exact: false }).fill('Crash-test du guichet unique');
	await page.getByLabel(t('home.new.template'), { exact: false }).selectOption({ label: 'Flash 360' });
	await expectUsable(page);
	await page.getByRole('button', { name: t('home.new.submit') }).click();
	await expect(page).toHaveURL(/\/w\/[a-z2-7]{16}$/);

	// The agenda as the facilitator sees it before saving it as a template.
	await page.goto(`${new URL(page.url()).pathname}/save-as-template`);
	const minutes = await page.locator('ol.agenda li .minutes').allTextContents();
	expect(minutes).toHaveLength(10);
	expect(minutes.reduce((sum, m) => sum + Number.parseInt(m, 10), 0)).toBe(180);
	await expect(page.getByTestId('agenda-total')).toHaveText(t('templates.total', { minutes: 180 }));
	await expectUsable(page);

	// Save it, then find it among the templates.
	await page.getByLabel(t('saveAsTemplate.name'), { exact: false }).fill('Notre Flash 360');
	await page.getByRole('button', { name: t('saveAsTemplate.submit') }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Notre Flash 360' })).toBeVisible();
	await expect(page.getByTestId('agenda-total')).toHaveText(t('templates.total', { minutes: 180 }));
	await expectUsable(page);

	await page.goto('/templates');
	await expect(page.getByRole('link', { name: 'Notre Flash 360' })).toBeVisible();
	await expectUsable(page);

	// A broken import names the field and the problem, next to the file field.
	await page.goto('/templates/import');
	await page.getByLabel(t('templates.import.file'), { exact: false }).setInputFiles({
		name: 'modele.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify({ format: 'concerto-template', version: 1, name: { fr: 'A', en: 'A' }, description: { fr: '', en: '' }, sessions: [] }))
	});
	await page.getByRole('button', { name: t('templates.import.submit') }).click();
	await expect(page.getByRole('alert')).toContainText(t('templates.import.invalid', { count: 1 }));
	await expect(page.locator('#import-problems')).toContainText('sessions');
	await expect(page.locator('#import-problems')).toContainText(t('templates.problem.tooFew', { min: 1 }));
	await expectUsable(page);
	await context.close();
});

test('organisations, a series and template editing work in English on a phone', async ({ browser }) => {
	const en = translator('en');
	const context = await browser.newContext({ viewport: PHONE, locale: 'en-GB' });
	const page = await context.newPage();
	await page.goto('/signup');
	await page.getByLabel(en('signup.displayName'), { exact: false }).fill('Sam, innovation lab');
	await page.getByLabel(en('signup.email'), { exact: false }).fill(`sam-series-${Date.now()}@example.fr`);
	await page.getByLabel(en('signup.password'), { exact: false }).fill('a long enough password');
	await page.getByRole('button', { name: en('signup.submit') }).click();
	// Signed in once the home page shows; only then may the test navigate elsewhere.
	await page.waitForURL((u) => u.pathname === '/');

	// An organisation to share with.
	await page.goto('/organisations');
	await expectUsable(page);
	await page.getByLabel(en('organisations.create.name'), { exact: false }).fill('City innovation lab');
	await page.getByRole('button', { name: en('organisations.create.submit') }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'City innovation lab' })).toBeVisible();
	await expectUsable(page);

	// The Strasbourg series: its first workshop, and the gap before the users' one.
	await page.goto('/templates/vivre-ensemble');
	await expectUsable(page);
	await page.getByLabel(en('home.new.title'), { exact: false }).fill('Neighbourhood centre');
	await page.getByRole('button', { name: en('home.new.submit') }).click();
	await expect(page).toHaveURL(/\/series\/[a-z2-7]{16}$/);
	await expect(page.getByText(en('series.gap', { min: 14, max: 30 }))).toBeVisible();
	await expect(page.getByRole('link', { name: en('series.open', { title: 'Neighbourhood centre – Workshop 1: agents' }) })).toBeVisible();
	await expectUsable(page);

	// A copy of the series, its sessions' own fields edited: a shorter gap before the users'
	// workshop; the mixed one also invites elected officials and starts with the users' notes only.
	await page.goto('/templates/vivre-ensemble');
	await page.getByRole('button', { name: en('templates.duplicate') }).click();
	await expect(page.getByRole('heading', { level: 1, name: en('templates.copyOf', { name: 'Living together in public service' }) })).toBeVisible();
	const seriesUrl = page.url();
	await page.getByRole('link', { name: en('templates.edit') }).click();
	const users = page.locator('section.session').nth(1);
	await users.getByRole('spinbutton', { name: en('templates.session.gap.min') }).fill('10');
	const mixed = page.locator('section.session').nth(2);
	await mixed.getByRole('group', { name: en('templates.session.audience') }).getByRole('checkbox', { name: en('category.elu') }).check();
	await mixed.getByRole('group', { name: en('templates.session.imports') }).getByRole('checkbox', { name: 'Workshop 1: agents' }).uncheck();
	await expectUsable(page);
	await page.getByRole('button', { name: en('templates.editPage.submit') }).click();
	await page.waitForURL(seriesUrl);
	await expect(page.getByText(en('series.gap', { min: 10, max: 30 }))).toBeVisible();
	await expect(page.getByText(en('templates.audience', { categories: [en('category.agent'), en('category.usager'), en('category.elu')].join(', ') }))).toBeVisible();
	await expect(page.getByText(en('templates.imports', { sessions: 'Workshop 2: users' }))).toBeVisible();

	// A private copy, shared with the lab, then edited with a mistake the schema names.
	await page.goto('/templates/consultation-express');
	await page.getByRole('button', { name: en('templates.duplicate') }).click();
	await expect(page.getByRole('heading', { level: 1, name: en('templates.copyOf', { name: 'Quick consultation' }) })).toBeVisible();
	await page.getByLabel(en('templates.sharing.label'), { exact: false }).selectOption({ label: en('templates.sharing.organisation', { organisation: 'City innovation lab' }) });
	await page.getByRole('button', { name: en('templates.share.submit') }).click();
	await expect(page.getByRole('status')).toHaveText(en('templates.share.saved'));
	await expectUsable(page);

	await page.getByRole('link', { name: en('templates.edit') }).click();
	// The third phase, edited in the phase-by-phase form.
	await page.locator('ol.phases > li').nth(2).getByRole('spinbutton', { name: en('agenda.minutes') }).fill('600');
	await page.getByRole('button', { name: en('templates.editPage.submit') }).click();
	await expect(page.getByRole('alert')).toContainText(en('templates.problem.tooBig', { max: 480 }));
	// The field, a separator, then the problem: "minutes: must be…", never "minutes :must".
	await expect(page.locator('#edit-problems')).toContainText(`sessions[0].phases[2].minutes: ${en('templates.problem.tooBig', { max: 480 })}`);
	await expectUsable(page);
	await context.close();
});
