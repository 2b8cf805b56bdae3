import { redirect, type RequestHandler } from '@sveltejs/kit';
import { isLocale, LOCALE_COOKIE } from '$lib/i18n';
import { services } from '$server/services';
import { localeCookieOptions } from '$server/auth/cookies';
import { safeRedirectPath } from '$lib/server/safe-path';

/** Language switch (POST form, works without JS): remembers the choice for a year, then goes back. */
export const POST: RequestHandler = async ({ request, cookies }) => {
	const form = await request.formData();
	const locale = form.get('locale');
	if (isLocale(locale)) cookies.set(LOCALE_COOKIE, locale, localeCookieOptions(services().config));
	redirect(303, safeRedirectPath(form.get('redirectTo')));
};
