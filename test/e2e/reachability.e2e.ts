import { expect } from '@playwright/test';
import { facilitatorWithWorkshop, seriousViolations, t, test } from './support.ts';

/**
 * The test server listens on 127.0.0.1, as `npm start` does by default on a laptop: its join
 * links and QR codes lead phones nowhere. Every screen that gives the room the link says so,
 * with the fix (issue 12, item 1).
 */
test('with the default start, the board, projector and A4 sheet warn that phones cannot reach the join link, and how to fix it', async ({ browser }) => {
	const { context, page } = await facilitatorWithWorkshop(browser, 'Atelier en salle');
	const workshopPath = new URL(page.url()).pathname;
	for (const path of [workshopPath, `${workshopPath}/projector`, `${workshopPath}/sheet`]) {
		await page.goto(path);
		const warning = page.getByRole('note').filter({ has: page.getByRole('heading', { name: t('reach.heading') }) });
		await expect(warning, path).toBeVisible();
		await expect(warning, path).toContainText('HOST=0.0.0.0 ORIGIN=http://');
		await expect(warning, path).toContainText('127.0.0.1');
		expect(await seriousViolations(page), path).toEqual([]);
	}
	await context.close();
});
