import { randomUUID } from 'node:crypto';
import type { Category } from '../../src/lib/domain/workshop/categories.ts';

/**
 * Drives the real pages the way a browser does: form posts with the page's Origin, cookies
 * read from Set-Cookie. Returns Cookie header values ready for the sync and live clients.
 */
export async function post(url: string, fields: Record<string, string>, cookie = ''): Promise<Response> {
	return fetch(url, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: new URL(url).origin,
			// A browser's Accept: without it SvelteKit answers a form action with JSON, not a redirect.
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			...(cookie ? { cookie } : {})
		},
		body: new URLSearchParams(fields)
	});
}

export function cookieFrom(res: Response, name: string | RegExp): string {
	for (const header of res.headers.getSetCookie()) {
		const pair = header.split(';')[0];
		const key = pair.split('=')[0];
		if (typeof name === 'string' ? key === name : name.test(key)) return pair;
	}
	throw new Error(`no ${String(name)} cookie in the answer (status ${res.status})`);
}

/** Signs a new facilitator up; returns the session cookie. */
export async function signUp(base: string): Promise<string> {
	const res = await post(`${base}/signup`, {
		email: `anim-${randomUUID()}@exemple.fr`,
		displayName: 'Camille Animatrice',
		password: 'un mot de passe solide'
	});
	return cookieFrom(res, 'concerto_session');
}

/** Creates a workshop from the home page; returns its id and join code. */
export async function createWorkshop(base: string, cookie: string, title: string): Promise<{ id: string; joinCode: string }> {
	const res = await post(`${base}/?/create`, { title }, cookie);
	const location = res.headers.get('location') ?? '';
	const id = /\/w\/([a-z2-7]{16})/.exec(location)?.[1];
	if (!id) throw new Error(`workshop not created (status ${res.status}, location ${location})`);
	const page = await (await fetch(`${base}/w/${id}`, { headers: { cookie } })).text();
	const joinCode = /\/j\/([A-Z0-9]{6})/.exec(page)?.[1];
	if (!joinCode) throw new Error('join code not shown on the board page');
	return { id, joinCode };
}

/** Joins a workshop through its join page; returns the participant's cookie. */
export async function joinAs(base: string, joinCode: string, displayName: string, category: Category): Promise<string> {
	const res = await post(`${base}/j/${joinCode}`, { displayName, category });
	return cookieFrom(res, /^concerto_p_/);
}

/** Joins with any fields of the join form (name, category, ageBand, gender); returns the raw answer. */
export async function joinWith(base: string, joinCode: string, fields: Record<string, string>, cookie = ''): Promise<Response> {
	return post(`${base}/j/${joinCode}`, fields, cookie);
}

/** The participant id the server resolved for this cookie, as the participant's page carries it. */
export async function participantId(base: string, workshopId: string, cookie: string): Promise<string> {
	const html = await (await fetch(`${base}/p/${workshopId}`, { headers: { cookie } })).text();
	const id = /me:\{id:"([a-z2-7]{16})"/.exec(html)?.[1];
	if (!id) throw new Error('participant id not found on their page');
	return id;
}

/** Posts one of the facilitator's people actions (`?/remove`, `?/role`, …) with `cookie`. */
export function peopleAction(base: string, workshopId: string, action: string, fields: Record<string, string>, cookie: string): Promise<Response> {
	return post(`${base}/w/${workshopId}/participants?/${action}`, fields, cookie);
}

/** Opens the workshop's observer link (made by its facilitator `owner`) as a projector or a guest would; returns its cookie. */
export async function observerCookie(base: string, workshopId: string, owner: string): Promise<string> {
	const page = await (await peopleAction(base, workshopId, 'observer', {}, owner)).text();
	const path = /\/o\/[a-z2-7]+/.exec(page)?.[0];
	return cookieFrom(await fetch(`${base}${path}`, { redirect: 'manual' }), /^concerto_o_/);
}
