import { expect, type Page } from '@playwright/test';
import { test } from './support.ts';
import { translator } from '../../src/lib/i18n/index.ts';
import { categoryLabel } from '../../src/lib/i18n/labels.ts';

/**
 * Every free-text field is stored and rendered as text. Each one gets `<script>` and
 * `javascript:` payloads (and event-handler ones where the length allows): no dialog may open,
 * no handler or script element may be created from them, and the text must show literally.
 */
const t = translator('fr');

// Names hold 40 characters at most, so they carry the two essential payloads only.
const FACILITATOR_NAME = '<script>alert("f")</script>javascript:1';
const PARTICIPANT_NAME = '<script>alert("p")</script>javascript:2';
const TITLE = '<script>alert("t")</script><img src=x onerror=alert("t")> javascript:alert("t")';
const BOARD_NOTE =
	'<script>alert("n1")</script><img src=x onerror=alert("n1")><svg onload=alert("n1")></svg> <a href="javascript:alert(\'n1\')">lien</a> javascript:alert("n1")';
const LIVE_NOTE =
	'<script>alert("n2")</script><img src=x onerror=alert("n2")><iframe src="javascript:alert(\'n2\')"></iframe> javascript:alert("n2")';

/** Records every dialog a page opens (and closes it, so nothing blocks). */
function watchDialogs(page: Page, dialogs: string[]): void {
	page.on('dialog', (d) => {
		dialogs.push(`${page.url()}: ${d.message()}`);
		void d.dismiss();
	});
}

/** Elements an injected payload would have created. */
async function injected(page: Page): Promise<string[]> {
	return page.evaluate(() =>
		[...document.querySelectorAll('img[src="x"], svg[onload], iframe, [onerror], [onload], a[href^="javascript:" i]')].map(
			(e) => e.outerHTML.slice(0, 120)
		)
	);
}

test('payloads in every free-text field are shown as text and never run', async ({ browser }) => {
	const dialogs: string[] = [];
	const facilitatorContext = await browser.newContext();
	const f = await facilitatorContext.newPage();
	watchDialogs(f, dialogs);

	// Facilitator display name.
	await f.goto('/signup');
	await f.getByLabel(t('signup.displayName'), { exact: false }).fill(FACILITATOR_NAME);
	await f.getByLabel(t('signup.email'), { exact: false }).fill(`xss-${Date.now()}@example.fr`);
	await f.getByLabel(t('signup.password'), { exact: false }).fill('un mot de passe assez long');
	await f.getByRole('button', { name: t('signup.submit') }).click();
	await expect(f.getByText(t('nav.signedInAs', { name: FACILITATOR_NAME }))).toBeVisible();

	// Workshop title.
	await f.getByLabel(t('home.new.title'), { exact: false }).fill(TITLE);
	await f.getByRole('button', { name: t('home.new.submit') }).click();
	await expect(f).toHaveURL(/\/w\/[^/]+$/);
	await expect(f.getByRole('heading', { level: 1 })).toHaveText(TITLE);
	expect(await f.title()).toContain(TITLE);

	// A note written on the board (Yjs).
	await f.getByLabel(t('board.add.label')).fill(BOARD_NOTE);
	await f.getByRole('button', { name: t('board.add.submit'), exact: true }).click();
	await expect(f.getByText(BOARD_NOTE, { exact: true })).toBeVisible();
	const joinUrl = await f.locator('a[href*="/j/"]').first().getAttribute('href');

	// Participant display name, then a note through /live.
	const phoneContext = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
	const p = await phoneContext.newPage();
	watchDialogs(p, dialogs);
	await p.goto(joinUrl!);
	await p.getByLabel(t('join.displayName'), { exact: false }).fill(PARTICIPANT_NAME);
	await p.getByRole('radio', { name: t('category.usager') }).check();
	await p.getByRole('button', { name: t('join.submit') }).click();
	await expect(p.getByText(t('participant.you', { name: PARTICIPANT_NAME, category: categoryLabel(t, 'usager') }))).toBeVisible();
	await expect(p.getByRole('heading', { level: 1 })).toHaveText(TITLE);
	await expect(p.getByText(BOARD_NOTE, { exact: true })).toBeVisible();
	await p.getByLabel(t('participant.idea.label')).fill(LIVE_NOTE);
	await p.getByRole('button', { name: t('participant.idea.submit'), exact: true }).click();
	await expect(p.getByText(t('participant.idea.sent'))).toBeVisible();
	await expect(p.getByText(LIVE_NOTE, { exact: true })).toBeVisible();
	await expect(f.getByText(LIVE_NOTE, { exact: true }).first()).toBeVisible();

	// Server-rendered too: a reload renders the stored values on the server, then hydrates.
	await f.reload();
	await expect(f.getByRole('heading', { level: 1 })).toHaveText(TITLE);
	await expect(f.getByText(LIVE_NOTE, { exact: true }).first()).toBeVisible();
	await f.goto('/');
	await expect(f.getByText(TITLE, { exact: true })).toBeVisible();
	await p.reload();
	await expect(p.getByText(BOARD_NOTE, { exact: true })).toBeVisible();

	for (const page of [f, p]) expect(await injected(page)).toEqual([]);
	// Give a late handler (an image error, a frame load) the time to fire before concluding.
	await p.waitForTimeout(300);
	expect(dialogs).toEqual([]);
	await facilitatorContext.close();
	await phoneContext.close();
});
