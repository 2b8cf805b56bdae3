import { expect, type WebSocketRoute } from '@playwright/test';
import { addPhase, facilitatorWithWorkshop, t, test } from './support.ts';

/**
 * A facilitator's first command can come before the live socket is connected (a slow network,
 * a busy laptop): it waits for the connection instead of failing at once with "Service
 * momentanément indisponible" (the fix of 380c79a).
 */
test('a command sent while the live socket is still connecting is applied once it connects', async ({ browser }) => {
	const { context, page } = await facilitatorWithWorkshop(browser, 'Réseau lent');
	const workshopUrl = page.url();
	// Hold the live channel's connection (socket.io opens a WebSocket first) until the command is sent.
	const held: WebSocketRoute[] = [];
	let holding = true;
	await page.routeWebSocket(/\/live\/\?EIO=4&transport=websocket/, (ws) => (holding ? void held.push(ws) : ws.connectToServer()));
	await page.goto(workshopUrl);
	await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
	await expect.poll(() => held.length).toBeGreaterThan(0);

	await page.getByLabel(t('agenda.add.title')).fill('Idées');
	await page.getByLabel(t('agenda.add.type')).selectOption('ideation');
	await page.getByRole('spinbutton', { name: t('agenda.minutes') }).last().fill('10');
	await page.getByRole('button', { name: t('agenda.add.submit') }).click();
	// Now the network lets the socket through.
	holding = false;
	for (const ws of held.splice(0)) ws.connectToServer();

	await expect(page.getByText(t('agenda.planned', { minutes: 10 }))).toBeVisible();
	await expect(page.getByText(t('error.unavailable'))).toHaveCount(0);
	// A later command goes straight through.
	await addPhase(page, 'Vote', 'vote', 5, 15);
	await context.close();
});
