import { randomUUID } from 'node:crypto';
import { expect, request } from '@playwright/test';
import { removeDir, startServer } from '../helpers/server-process.ts';
import { facilitatorWithWorkshop, joinOnPhone, t, test } from './support.ts';
import { connected, liveClient, send } from '../helpers/clients.ts';

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

	const workshopPath = new URL(workshopUrl).pathname;
	const workshopId = workshopPath.split('/').pop()!;
	const pages = ['/', '/signin', '/signup', new URL(joinUrl).pathname, workshopPath, '/templates', `${workshopPath}/participants`, `/p/${workshopId}`, `/observe/${workshopId}`];
	for (const path of pages) {
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

	// The newer free texts (phase instructions, persona fields, decisions, tables) carry the
	// payload too: every screen that shows them shows it as text, and no script of it ever runs.
	const base = new URL(workshopUrl).origin;
	const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
	const live = liveClient(base, workshopId, { cookie });
	await connected(live);
	const phases = [
		{ id: 'idees', type: 'ideation', title: `Idées ${PAYLOAD}`, minutes: 10, instructions: `Consigne ${PAYLOAD}`, settings: {} },
		{ id: 'personas', type: 'persona', title: 'Personas', minutes: 10, instructions: '', settings: {} }
	];
	for (const [event, input] of [
		['agenda.save', { phases }],
		['phase.start', {}],
		['persona.create', { commandId: 'persona-xss-0001', name: `Odile ${PAYLOAD}` }],
		['persona.field', { personaId: 'persona-xss-0001', field: 'situation', value: `Situation ${PAYLOAD}`, base: '' }],
		['decision.save', { decision: { title: `Décision ${PAYLOAD}`, text: `Texte ${PAYLOAD}` } }],
		['table.create', { name: `Table ${PAYLOAD}`, instructions: `Consigne de table ${PAYLOAD}` }]
	] as const)
		expect(await send(live, event, { commandId: `xss-${event.replace('.', '-')}`, ...input }), event).toMatchObject({ ok: true });
	live.close();
	const phone = await joinOnPhone(browser, joinUrl, 'usager', `Fatou ${PAYLOAD}`);
	// Each screen with the free texts it shows; the people page only has its headers and no script run.
	for (const [p, path, shown] of [
		[page, workshopPath, ['Consigne', 'Odile', 'Table']],
		[page, `${workshopPath}/participants`, []],
		[page, `${workshopPath}/projector`, ['Consigne', 'Consigne de table']],
		[page, `${workshopPath}/report`, ['Odile', 'Situation', 'Décision', 'Texte']],
		[phone.page, `/p/${workshopId}`, ['Consigne', 'Table']]
	] as const) {
		await p.goto(path);
		await expect(p.locator('html[data-hydrated]'), path).toHaveCount(1);
		for (const text of shown) await expect(p.getByText(`${text} ${PAYLOAD}`, { exact: false }).first(), `${path}: ${text}`).toBeVisible();
		expect(await p.evaluate(() => document.documentElement.dataset.pwned ?? null), path).toBeNull();
		expect(await p.evaluate(() => [...document.scripts].filter((s) => s.textContent?.trim() === 'document.documentElement.dataset.pwned = "1"').length), path).toBe(0);
	}
	await phone.context.close();
	await context.close();
});

test('behind https (an https ORIGIN), every cookie a sign-up sets is Secure and HSTS is on', async () => {
	// Its own server: the suite's runs on plain http.
	const origin = 'https://concerto.mairie.test';
	const server = await startServer({ env: { ORIGIN: origin } });
	const api = await request.newContext({ baseURL: server.url });
	try {
		const res = await api.post('/signup', {
			headers: { origin, accept: 'text/html' },
			form: { email: `agent-${randomUUID()}@mairie.fr`, displayName: 'Agent', password: 'un mot de passe solide' },
			maxRedirects: 0
		});
		expect(res.status()).toBe(303);
		const cookies = res.headersArray().filter((h) => h.name.toLowerCase() === 'set-cookie').map((h) => h.value);
		expect(cookies.map((c) => c.split('=')[0]).sort()).toEqual(['concerto_device', 'concerto_session']);
		for (const c of cookies) expect(c, c.split('=')[0]).toMatch(/;\s*Secure/i);
		expect(res.headers()['strict-transport-security']).toMatch(/max-age=\d{7,}/);
	} finally {
		await api.dispose();
		await server.kill();
		removeDir(server.dataDir);
	}
});
