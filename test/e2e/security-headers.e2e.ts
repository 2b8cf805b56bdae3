import { expect, test } from '@playwright/test';
import { facilitatorWithWorkshop, t } from './support.ts';

/**
 * The second wall behind escaping (issue 14, item 9): every page says it may not be framed,
 * may not be sniffed, leaks no Referer outside our origin, and allows only its own scripts —
 * so a script that an injected free text managed to put in the page would still not run.
 */
const PAYLOAD = '<script>document.documentElement.dataset.pwned = "1"</script>';

test('pages carry a nonce CSP without inline scripts, no framing, nosniff and a same-origin referrer policy; an injected inline script is blocked', async ({
	browser
}) => {
	const { context, page } = await facilitatorWithWorkshop(browser, `Atelier ${PAYLOAD}`);
	const workshopUrl = page.url();
	const joinUrl = (await page.locator('.join .url a').first().getAttribute('href')) ?? '';
	expect(joinUrl).toMatch(/\/j\/\w+$/);

	for (const path of ['/', '/signin', '/signup', new URL(joinUrl).pathname, new URL(workshopUrl).pathname, '/templates']) {
		const res = await page.request.get(path);
		expect(res.status(), path).toBeLessThan(400);
		const h = res.headers();
		const csp = h['content-security-policy'] ?? '';
		const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
		expect(scriptSrc, `${path} script-src`).toMatch(/'self'/);
		expect(scriptSrc, `${path} script-src`).toMatch(/'nonce-/);
		expect(scriptSrc, `${path} script-src`).not.toContain('unsafe-inline');
		expect(csp, path).toContain("frame-ancestors 'none'");
		expect(csp, path).toContain("object-src 'none'");
		expect(h['x-frame-options'], path).toBe('DENY');
		expect(h['x-content-type-options'], path).toBe('nosniff');
		expect(h['referrer-policy'], path).toBe('same-origin');
	}

	// The payload in the title shows as text; and were it ever inserted as markup, the CSP forbids it.
	const violations: string[] = [];
	await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
	await page.goto(workshopUrl);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Atelier ${PAYLOAD}`);
	await page.evaluate(() => {
		document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { reportViolation(v: string): void }).reportViolation(e.violatedDirective));
		const s = document.createElement('script');
		s.textContent = 'document.documentElement.dataset.pwned = "1"';
		document.body.append(s);
	});
	await expect.poll(() => violations).toContainEqual(expect.stringMatching(/^script-src/));
	expect(await page.evaluate(() => document.documentElement.dataset.pwned ?? null)).toBeNull();
	// The page itself still works under the policy: its own scripts run (hydrated) and the board is live.
	await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
	await expect(page.getByLabel(t('board.add.label'))).toBeVisible();
	await context.close();
});
