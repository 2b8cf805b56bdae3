import { expect, type Browser, type Page, type Route } from '@playwright/test';
import { horizontalOverflow, PHONE, seriousViolations, t, test } from './support.ts';

async function phone(browser: Browser): Promise<Page> {
	const context = await browser.newContext({ viewport: PHONE, locale: 'fr-FR', isMobile: true, hasTouch: true });
	return context.newPage();
}

/** A facilitator with a workshop, on its participants page; returns the page and the join URL. */
async function facilitatorWithWorkshop(browser: Browser): Promise<{ f: Page; joinUrl: string }> {
	const f = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
	await f.goto('/signup');
	await f.getByLabel(t('signup.displayName'), { exact: false }).fill('Camille, laboratoire');
	await f.getByLabel(t('signup.email'), { exact: false }).fill(`camille-join-${Date.now()}@example.fr`);
	await f.getByLabel(t('signup.password'), { exact: false }).fill('un mot de passe assez long');
	await f.getByRole('button', { name: t('signup.submit') }).click();
	await f.getByLabel(t('home.new.title'), { exact: false }).fill('Accueil des nouveaux habitants');
	await f.getByRole('button', { name: t('home.new.submit') }).click();
	await expect(f).toHaveURL(/\/w\/[^/]+$/);
	const joinUrl = (await f.locator('a[href*="/j/"]').first().getAttribute('href'))!;
	await f.getByRole('link', { name: t('people.link') }).click();
	await expect(f.getByRole('heading', { level: 1 })).toContainText(t('people.title', { title: 'Accueil des nouveaux habitants' }));
	return { f, joinUrl };
}

test('joining anonymously on a phone, with the notice and without optional questions; the same device rejoins as the same participant', async ({ browser }) => {
	const { f, joinUrl } = await facilitatorWithWorkshop(browser);
	expect(await seriousViolations(f)).toEqual([]);

	const p = await phone(browser);
	await p.goto(joinUrl);
	// Nothing optional was asked: no age band, no gender. The notice says what is kept and how long.
	await expect(p.getByRole('group', { name: t('join.category') })).toBeVisible();
	await expect(p.getByRole('group', { name: t('join.ageBand') })).toHaveCount(0);
	await expect(p.getByRole('group', { name: t('join.gender') })).toHaveCount(0);
	await expect(p.getByRole('heading', { name: t('join.notice.title') })).toBeVisible();
	await expect(p.getByText(t('join.notice.retention', { months: 6 }))).toBeVisible();
	await expect(p.getByText(t('join.notice.optional'))).toHaveCount(0);
	expect(await seriousViolations(p)).toEqual([]);
	expect(await horizontalOverflow(p)).toBeLessThanOrEqual(0);

	// Without a category the form says so; with one, an empty name means anonymous.
	await p.getByRole('button', { name: t('join.submit') }).click();
	await expect(p.getByText(t('join.error.category')).first()).toBeVisible();
	await p.getByRole('radio', { name: t('category.usager') }).check();
	await p.getByRole('button', { name: t('join.submit') }).click();
	await expect(p).toHaveURL(/\/p\/[a-z2-7]+$/);
	const me = t('participant.you', { name: t('join.anonymous'), category: t('category.usager') });
	await expect(p.getByText(me)).toBeVisible();
	const board = p.url();

	// The same device scanning the code again is the same participant, not a second one.
	await p.goto(joinUrl);
	await expect(p).toHaveURL(board);
	await expect(p.getByText(me)).toBeVisible();
	await f.reload();
	await expect(f.getByRole('heading', { name: t('people.list.heading', { count: 1 }) })).toBeVisible();
});

test('optional questions appear only when asked, can be skipped, and count against the expected panel; closing the join shows a clear page', async ({ browser }) => {
	const { f, joinUrl } = await facilitatorWithWorkshop(browser);
	await f.getByLabel(t('people.questions.ageBand')).check();
	await f.getByLabel(t('people.questions.gender')).check();
	await f.getByRole('button', { name: t('people.questions.save') }).click();
	await expect(f.getByRole('status').filter({ hasText: t('people.done.saved') })).toBeVisible();
	await f.getByLabel(t('panel.targets.category', { group: t('category.usager') })).fill('4');
	await f.getByLabel(t('panel.targets.category', { group: t('category.elu') })).fill('1');
	await f.getByRole('button', { name: t('panel.targets.save') }).click();
	await expect(f.getByText(t('panel.total', { count: 0, expected: 5 }))).toBeVisible();
	expect(await seriousViolations(f)).toEqual([]);

	const p = await phone(browser);
	await p.goto(joinUrl);
	const age = p.getByRole('group', { name: t('join.ageBand') });
	const gender = p.getByRole('group', { name: t('join.gender') });
	await expect(age).toBeVisible();
	await expect(gender).toBeVisible();
	// Skipping is the default answer.
	await expect(age.getByRole('radio', { name: t('join.skip') })).toBeChecked();
	await expect(gender.getByRole('radio', { name: t('join.skip') })).toBeChecked();
	await expect(p.getByText(t('join.notice.optional'))).toBeVisible();
	expect(await seriousViolations(p)).toEqual([]);
	expect(await horizontalOverflow(p)).toBeLessThanOrEqual(0);
	await p.getByLabel(t('join.displayName'), { exact: false }).fill('Odette');
	await p.getByRole('radio', { name: t('category.usager') }).check();
	await age.getByRole('radio', { name: t('ageBand.75-plus') }).check();
	await p.getByRole('button', { name: t('join.submit') }).click();
	await expect(p).toHaveURL(/\/p\/[a-z2-7]+$/);

	// The facilitator's live view counts her (within its 5-second refresh) and names who is missing.
	await expect(f.getByText(t('panel.total', { count: 1, expected: 5 }))).toBeVisible({ timeout: 8_000 });
	await expect(f.getByText(t('panel.missing', { list: `3 × ${t('category.usager')}, 1 × ${t('category.elu')}` }))).toBeVisible();

	// Closing the join: a newcomer sees a clear page, keyboard and screen reader friendly.
	await f.getByRole('button', { name: t('people.join.close') }).click();
	await expect(f.getByText(t('people.join.closed'))).toBeVisible();
	const late = await phone(browser);
	await late.goto(joinUrl);
	await expect(late.getByText(t('join.closed.text'))).toBeVisible();
	await expect(late.getByRole('button', { name: t('join.submit') })).toHaveCount(0);
	expect(await seriousViolations(late)).toEqual([]);
});

test('what a phone types before the page’s scripts have arrived stays in the form once they run', async ({ browser }) => {
	const { joinUrl } = await facilitatorWithWorkshop(browser);
	const p = await phone(browser);
	// A slow network: the server's HTML is there, the scripts are not yet.
	const held: Route[] = [];
	let arrived = false;
	await p.route('**/_app/immutable/**/*.js', (route) => (arrived ? route.continue() : void held.push(route)));
	await p.goto(joinUrl, { waitUntil: 'domcontentloaded' });
	const name = p.getByLabel(t('join.displayName'), { exact: false });
	await name.fill('Nadia');
	await p.getByRole('radio', { name: t('category.usager') }).check();
	expect(held.length).toBeGreaterThan(0);
	arrived = true;
	for (const route of held) await route.continue();
	await expect(p.locator('html[data-hydrated]')).toBeAttached();
	await expect(name).toHaveValue('Nadia');
	await expect(p.getByRole('radio', { name: t('category.usager') })).toBeChecked();
	await p.getByRole('button', { name: t('join.submit') }).click();
	await expect(p.getByLabel(t('join.displayName'), { exact: false })).toHaveCount(0);
	await p.context().close();
});
