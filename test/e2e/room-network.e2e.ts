import { networkInterfaces } from 'node:os';
import { expect } from '@playwright/test';
import { freePort, removeDir, startServer } from '../helpers/server-process.ts';
import { facilitatorWithWorkshop, PHONE, readQr, seriousViolations, t, test } from './support.ts';

/**
 * Started for a room as the README says (`HOST=0.0.0.0 ORIGIN=http://<address>:<port>`), the
 * server prints the address phones use, the projector's QR code leads there, and no screen
 * warns any more (issue 12, acceptance 1). Its own server: the suite's listens on loopback.
 */
const address = Object.values(networkInterfaces())
	.flat()
	.find((a) => a && !a.internal && a.family === 'IPv4')?.address;

test('started for a room, the projector’s QR code is the network address printed at start, and a phone reaches the join page by it', async ({ browser }) => {
	test.skip(!address, 'this machine has no network interface other than loopback');
	const port = await freePort();
	const origin = `http://${address}:${port}`;
	const server = await startServer({ port, env: { HOST: '0.0.0.0', ORIGIN: origin } });
	try {
		expect(server.output()).toContain(`Network:  ${origin}`);
		expect(server.output()).not.toContain('Phones cannot reach this address');

		const { context, page } = await facilitatorWithWorkshop(browser, 'Atelier en salle', { baseURL: origin });
		const workshopPath = new URL(page.url()).pathname;
		await page.goto(`${workshopPath}/projector`);
		const joinUrl = await readQr(page);
		expect(joinUrl).toMatch(new RegExp(`^${origin.replace(/\./g, '\\.')}/j/[^/]+$`));
		await expect(page.getByRole('heading', { name: t('reach.heading') })).toHaveCount(0);
		expect(await seriousViolations(page)).toEqual([]);

		// A phone on the room's network scans it and lands on the join form.
		const phone = await browser.newContext({ locale: 'fr-FR', viewport: PHONE, isMobile: true, hasTouch: true });
		const p = await phone.newPage();
		await p.goto(joinUrl);
		await expect(p.getByRole('heading', { level: 1 })).toContainText('Atelier en salle');
		await phone.close();
		await context.close();
	} finally {
		await server.kill();
		removeDir(server.dataDir);
	}
});
