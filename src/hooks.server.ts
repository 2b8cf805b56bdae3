import type { Handle } from '@sveltejs/kit';
import { services } from '$server/services';
import { pickLocale, LOCALE_COOKIE } from '$lib/i18n';
import { FACILITATOR_COOKIE, sessionCookieOptions } from '$server/auth/cookies';
import { validateSession } from '$server/db/repositories/sessions';
import { findFacilitator } from '$server/db/repositories/facilitators';
import { CATALOG_PRELOAD_SLOT, catalogPreload } from '$lib/server/catalog-preload';
import { EARLY_SYNC_SCRIPT, EARLY_SYNC_SLOT } from '$lib/sync/early-sync-script';

/** Resolves the facilitator session (sliding expiry) and the language for every request. */
export const handle: Handle = async ({ event, resolve }) => {
	const { db, config, catalogChunks } = services();
	event.locals.locale = pickLocale(event.cookies.get(LOCALE_COOKIE), event.request.headers.get('accept-language'));
	event.locals.facilitator = null;

	const token = event.cookies.get(FACILITATOR_COOKIE);
	if (token) {
		const valid = await validateSession(db, token, new Date(), config.sessionDays);
		if (valid?.session.facilitatorId) {
			event.locals.facilitator = await findFacilitator(db, valid.session.facilitatorId);
			if (valid.renewed) event.cookies.set(FACILITATOR_COOKIE, token, sessionCookieOptions(config, valid.session.expiresAt));
		} else {
			event.cookies.delete(FACILITATOR_COOKIE, { path: '/' });
		}
	}

	const response = await resolve(event, {
		// Only the page's own language is preloaded: a phone never downloads both catalogs.
		transformPageChunk: ({ html }) =>
			html
				.replace('%lang%', event.locals.locale)
				.replace(CATALOG_PRELOAD_SLOT, catalogPreload(catalogChunks?.[event.locals.locale]))
				// A board page's sync socket opens before the scripts arrive (the script looks for the board's preload itself).
				.replace(EARLY_SYNC_SLOT, () => EARLY_SYNC_SCRIPT)
	});
	setSecurityHeaders(response.headers, config.origin);
	return response;
};

/**
 * Headers every answer carries besides the CSP (set by SvelteKit on pages): no framing for old
 * browsers either, no content sniffing, and no Referer outside our own origin, since some of
 * our URLs carry secrets (invitations, observer and owner links). HSTS once we are on https.
 */
function setSecurityHeaders(headers: Headers, origin: string | null): void {
	// A redirect's or a fetch's Response may be immutable: then it carries none, as before.
	try {
		headers.set('x-frame-options', 'DENY');
		headers.set('x-content-type-options', 'nosniff');
		// A page may ask for less (an owner's secret link sends no Referer at all).
		if (!headers.has('referrer-policy')) headers.set('referrer-policy', 'same-origin');
		if (origin?.startsWith('https:')) headers.set('strict-transport-security', 'max-age=63072000');
	} catch {
		/* immutable headers */
	}
}
