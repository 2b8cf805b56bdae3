import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeDir, startServer, type RunningServer } from '../helpers/server-process.ts';
import { FREE_FAILURES, signInDelayMs } from '../../src/lib/domain/auth/throttle.ts';
import { cookieFrom } from '../helpers/http.ts';

/**
 * Sign-in guessing against the real server (issue 14, item 1). Behind a proxy every request
 * names its client in X-Forwarded-For; the server is told to trust that header, as a
 * deployment behind the town hall's proxy would be (ADDRESS_HEADER, XFF_DEPTH).
 */
let server: RunningServer;
beforeAll(async () => {
	server = await startServer({ env: { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' } });
});
afterAll(async () => {
	await server?.kill();
	if (server) removeDir(server.dataDir);
});

const PASSWORD = 'un mot de passe solide';

function form(path: string, fields: Record<string, string>, address: string, cookie = ''): Promise<Response> {
	return fetch(`${server.url}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: server.url,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			'x-forwarded-for': address,
			...(cookie ? { cookie } : {})
		},
		body: new URLSearchParams(fields)
	});
}

/** A new account, signed up from `address`; returns its e-mail and the browser's known-device cookie. */
async function account(address: string): Promise<{ email: string; device: string }> {
	const email = `agent-${randomUUID()}@mairie.fr`;
	const res = await form('/signup', { email, displayName: 'Agent', password: PASSWORD }, address);
	expect(res.status).toBe(303);
	return { email, device: cookieFrom(res, 'concerto_device') };
}

const signIn = (email: string, password: string, address: string, cookie = '') => form('/signin', { email, password }, address, cookie);
const signedIn = (res: Response) => res.status === 303 && res.headers.getSetCookie().some((c) => c.startsWith('concerto_session='));

describe('sign-in guessing', () => {
	test('150 wrong passwords at once: only the free allowance is checked; the owner’s device and other accounts still sign in', async () => {
		const office = '198.51.100.10';
		const victim = await account('192.0.2.1');
		const colleague = await account('192.0.2.2');

		const startedAt = Date.now();
		const answers = await Promise.all(Array.from({ length: 150 }, (_, i) => signIn(victim.email, `essai ${i}`, office)));
		const statuses = answers.map((r) => r.status);
		// Three free failures and the fourth attempt (its wait starts after it): the rest wait,
		// unchecked — but for one more each time a wait runs out while a busy machine still serves the burst.
		const checked = FREE_FAILURES.email + 1 + waitsRunOutWithin(Date.now() - startedAt);
		expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(checked);
		expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(150 - checked);

		// A stranger's browser, even with the right password, waits: the account is under attack.
		expect((await signIn(victim.email, PASSWORD, '192.0.2.1')).status).toBe(429);
		// The owner's own browser, known from an earlier sign-in, is not locked out by the guesses.
		expect(signedIn(await signIn(victim.email, PASSWORD, office, victim.device))).toBe(true);
		// Another account behind the same office address signs in too.
		expect(signedIn(await signIn(colleague.email, PASSWORD, office))).toBe(true);
	});

	test('guesses on random e-mails slow down their own address, not the addresses of others', async () => {
		const attacker = '203.0.113.66';
		const other = await account('203.0.113.7');
		let status = 0;
		for (let i = 0; i < 30 && status !== 429; i++) status = (await signIn(`x-${randomUUID()}@mairie.fr`, 'devine', attacker)).status;
		expect(status).toBe(429);
		// A right password from the attacker's address waits too: the address is throttled, not only the accounts.
		expect((await signIn(other.email, PASSWORD, attacker)).status).toBe(429);
		expect(signedIn(await signIn(other.email, PASSWORD, '203.0.113.8'))).toBe(true);
	});
});

/** How many of the account's successive waits after its free failures end within `ms`. */
function waitsRunOutWithin(ms: number): number {
	let n = 0;
	for (let spent = 0; (spent += signInDelayMs(FREE_FAILURES.email + 1 + n)) <= ms; ) n++;
	return n;
}
