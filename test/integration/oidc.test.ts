import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { freePort, removeDir, startServer, type RunningServer } from '../helpers/server-process.ts';
import { translator } from '../../src/lib/i18n/index.ts';

/**
 * Facilitators sign in through a real OpenID Connect provider started here on loopback
 * (`oidc-provider`, as ProConnect or a town's Keycloak would answer), against the built server:
 * authorization code + PKCE, the happy path, and each refusal with its message (issue 14, item 12).
 */
const t = translator('fr');
const PROVIDER = 'Agents Connect';

/** Who the provider knows. */
const ACCOUNTS: Record<string, Record<string, unknown>> = {
	camille: { email: 'camille.martin@mairie.fr', email_verified: true, given_name: 'Camille', usual_name: 'Martin', siret: '21670482500019' },
	nouvelle: { email: 'lea@services.mairie.fr', email_verified: true, name: 'Léa Nouvelle' },
	intrus: { email: 'intrus@gmail.com', email_verified: true, name: 'Intrus' },
	douteux: { email: 'douteux@mairie.fr', email_verified: false, name: 'Douteux' }
};

let provider: Server;
let providerUrl: string;
let concerto: RunningServer;

beforeAll(async () => {
	const providerPort = await freePort();
	providerUrl = `http://127.0.0.1:${providerPort}`;
	const concertoPort = await freePort();
	const oidc = new Provider(providerUrl, {
		clients: [
			{
				client_id: 'concerto',
				client_secret: 'un secret de test',
				redirect_uris: [`http://127.0.0.1:${concertoPort}/signin/oidc/callback`],
				grant_types: ['authorization_code'],
				response_types: ['code']
			}
		],
		pkce: { required: () => true },
		features: { devInteractions: { enabled: true } },
		claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'given_name', 'usual_name', 'family_name'], siret: ['siret'] },
		findAccount: (_ctx, id) => (ACCOUNTS[id] ? { accountId: id, claims: () => ({ sub: id, ...ACCOUNTS[id] }) } : undefined),
		// Consent is the provider's business: grant what Concerto asks, so the login is the only step.
		loadExistingGrant: async (ctx) => {
			const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
			grant.addOIDCScope('openid email profile siret');
			await grant.save();
			return grant;
		}
	});
	provider = createServer(oidc.callback());
	await new Promise<void>((r) => provider.listen(providerPort, '127.0.0.1', r));
	concerto = await startServer({
		port: concertoPort,
		env: {
			OIDC_ISSUER: providerUrl,
			OIDC_CLIENT_ID: 'concerto',
			OIDC_CLIENT_SECRET: 'un secret de test',
			OIDC_ALLOWED_DOMAINS: 'mairie.fr',
			OIDC_ORGANISATION_CLAIM: 'siret',
			OIDC_LABEL: PROVIDER,
			OIDC_ALLOW_HTTP: 'true'
		}
	});
});
afterAll(async () => {
	await concerto?.kill();
	if (concerto) removeDir(concerto.dataDir);
	await new Promise((r) => provider?.close(r));
});

/** A browser: one cookie jar for every origin (both are 127.0.0.1), redirects followed by hand. */
function browser() {
	const jar = new Map<string, string>();
	async function go(url: string | URL, init: RequestInit = {}): Promise<Response> {
		const res = await fetch(url, {
			redirect: 'manual',
			...init,
			headers: { 'accept-language': 'fr', accept: 'text/html', ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') }
		});
		for (const c of res.headers.getSetCookie()) {
			const [pair, ...attributes] = c.split(';');
			const i = pair.indexOf('=');
			const expired = attributes.some((a) => /max-age=0/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a));
			if (expired) jar.delete(pair.slice(0, i));
			else jar.set(pair.slice(0, i), pair.slice(i + 1));
		}
		return res;
	}
	/** Follows redirects until one leads to `stop` (not followed) or a page answers. */
	async function follow(url: string | URL, stop?: (location: URL) => boolean): Promise<{ res: Response; url: URL }> {
		let at = new URL(url);
		for (let i = 0; i < 10; i++) {
			const res = await go(at);
			const location = res.headers.get('location');
			if (!location) return { res, url: at };
			const next = new URL(location, at);
			if (stop?.(next)) return { res, url: next };
			at = next;
		}
		throw new Error('too many redirects');
	}
	/** Starts at Concerto's button and signs in at the provider as `account`; returns the callback URL, not yet followed. */
	async function toCallback(account: string): Promise<URL> {
		const login = await follow(`${concerto.url}/signin/oidc`);
		const form = await login.res.text();
		const action = new URL(/action="([^"]+)"/.exec(form)![1], login.url);
		const posted = await go(action, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ prompt: 'login', login: account, password: 'peu importe' })
		});
		const { url } = await follow(new URL(posted.headers.get('location')!, action), (next) => next.pathname === '/signin/oidc/callback');
		return url;
	}
	return { go, follow, toCallback, has: (name: string) => jar.has(name) };
}

/** What the sign-in page says after a refusal. */
async function refusalShown(res: Response, b: ReturnType<typeof browser>, refusal: string): Promise<void> {
	expect(res.status).toBe(303);
	const location = new URL(res.headers.get('location')!, concerto.url);
	expect(location.pathname + location.search).toBe(`/signin?oidc=${refusal}`);
	const page = await (await b.go(location)).text();
	expect(page).toContain(t(`signin.oidc.refused.${refusal}` as 'signin.oidc.refused.state', { provider: PROVIDER }).replaceAll('’', '’'));
	expect(b.has('concerto_session')).toBe(false);
}

describe('sign-in through an OpenID Connect provider', () => {
	test('the sign-in page offers the provider; signing in makes the account once, then finds it again', async () => {
		const page = await (await fetch(`${concerto.url}/signin`, { headers: { 'accept-language': 'fr' } })).text();
		expect(page).toContain(t('signin.oidc.button', { provider: PROVIDER }));

		const first = browser();
		const done = await first.go(await first.toCallback('nouvelle'));
		expect(done.status).toBe(303);
		expect(done.headers.get('location')).toBe('/');
		const home = await (await first.go(`${concerto.url}/`)).text();
		expect(home).toContain(t('nav.signedInAs', { name: 'Léa Nouvelle' }));

		// Another browser, the same person: the same account (its workshops are there).
		const create = await first.go(`${concerto.url}/?/create`, {
			method: 'POST',
			headers: { origin: concerto.url, 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ title: 'Atelier de Léa' })
		});
		expect(create.status).toBe(303);
		const second = browser();
		await second.go(await second.toCallback('nouvelle'));
		expect(await (await second.go(`${concerto.url}/`)).text()).toContain('Atelier de Léa');
	});

	test('an account made with a password is linked by the verified e-mail the provider gives', async () => {
		const b = browser();
		const signup = await b.go(`${concerto.url}/signup`, {
			method: 'POST',
			headers: { origin: concerto.url, 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ email: 'Camille.Martin@mairie.fr', displayName: 'Camille (mot de passe)', password: 'un mot de passe solide' })
		});
		expect(signup.status).toBe(303);
		const other = browser();
		await other.go(await other.toCallback('camille'));
		expect(await (await other.go(`${concerto.url}/`)).text()).toContain(t('nav.signedInAs', { name: 'Camille (mot de passe)' }));
	});

	test('a callback whose state is not the one this browser asked for is refused', async () => {
		const b = browser();
		const callback = await b.toCallback('camille');
		callback.searchParams.set('state', randomUUID());
		await refusalShown(await b.go(callback), b, 'state');
	});

	test('a callback used twice is refused the second time', async () => {
		const b = browser();
		const callback = await b.toCallback('camille');
		expect((await b.go(callback)).headers.get('location')).toBe('/');
		// The same code and state again, from this browser (its attempt is used up) or another one.
		expect((await b.go(callback)).headers.get('location')).toBe('/signin?oidc=replayed');
		const thief = browser();
		await refusalShown(await thief.go(callback), thief, 'replayed');
	});

	test('an ID token already expired when it arrives is refused', async () => {
		const b = browser();
		const callback = await b.toCallback('camille');
		// The provider's clock runs two hours behind while it issues the tokens.
		const now = Date.now();
		const spy = vi.spyOn(Date, 'now').mockImplementation(() => now - 2 * 60 * 60 * 1000);
		try {
			await refusalShown(await b.go(callback), b, 'expired');
		} finally {
			spy.mockRestore();
		}
	});

	test('an e-mail outside the allowed domains, or one the provider did not verify, is refused', async () => {
		const outsider = browser();
		await refusalShown(await outsider.go(await outsider.toCallback('intrus')), outsider, 'domain');
		const unverified = browser();
		await refusalShown(await unverified.go(await unverified.toCallback('douteux')), unverified, 'unverified');
	});
});

describe('password sign-in switched off', () => {
	test('the pages offer the provider only, and password posts are refused', async () => {
		const server = await startServer({
			env: { OIDC_ISSUER: providerUrl, OIDC_CLIENT_ID: 'concerto', OIDC_CLIENT_SECRET: 'x', OIDC_LABEL: PROVIDER, OIDC_ALLOW_HTTP: 'true', CONCERTO_PASSWORD_SIGNIN: 'false' }
		});
		try {
			const page = await (await fetch(`${server.url}/signin`, { headers: { 'accept-language': 'fr' } })).text();
			expect(page).toContain(t('signin.oidc.button', { provider: PROVIDER }));
			expect(page).not.toContain('name="password"');
			for (const path of ['/signin', '/signup']) {
				const res = await fetch(`${server.url}${path}`, {
					method: 'POST',
					redirect: 'manual',
					headers: { origin: server.url, accept: 'text/html', 'accept-language': 'fr', 'content-type': 'application/x-www-form-urlencoded' },
					body: new URLSearchParams({ email: 'a@mairie.fr', displayName: 'A', password: 'un mot de passe solide' })
				});
				expect(res.status, path).toBe(403);
				expect(res.headers.getSetCookie().some((c) => c.startsWith('concerto_session=')), path).toBe(false);
			}
		} finally {
			await server.kill();
			removeDir(server.dataDir);
		}
	});
});
