import type { Cookies } from '@sveltejs/kit';
import type { Services } from '$server/services';
import { z } from 'zod';
import { labelField, textField, type FieldErrors } from './forms.ts';
import { hashPassword, verifyPassword } from '$server/auth/passwords';
import { createSession } from '$server/db/repositories/sessions';
import { DEVICE_COOKIE, FACILITATOR_COOKIE, deviceCookieOptions, sessionCookieOptions } from '$server/auth/cookies';
import { generateToken } from '$server/auth/tokens';
import { reserveSignInAttempt, signInSucceeded } from '$server/db/repositories/sign-in-failures';
import { knownDeviceKey, rememberDevice } from '$server/db/repositories/sign-in-devices';
import { createFacilitator, findFacilitatorByEmail } from '$server/db/repositories/facilitators';
import { isEmail, PASSWORD_MAX, PASSWORD_MIN } from '$lib/domain/auth/throttle';
import { DISPLAY_NAME_MAX } from '$lib/domain/workshop/categories';
import type { Locale } from '$lib/i18n';

export type SignUpField = 'displayName' | 'email' | 'password';
export type SignInField = 'email' | 'password';

const email = textField.transform((v) => v.trim());

/** The sign-up form; each field's message is `signUpMessages`'s. */
export const signUpForm = z.object({
	displayName: labelField(DISPLAY_NAME_MAX),
	email: email.refine(isEmail),
	password: textField.refine((p) => p.length >= PASSWORD_MIN && p.length <= PASSWORD_MAX)
});

export const signUpMessages = {
	displayName: { key: 'signup.error.displayName', params: { max: DISPLAY_NAME_MAX } },
	email: { key: 'signup.error.email' },
	password: { key: 'signup.error.password', params: { min: PASSWORD_MIN, max: PASSWORD_MAX } }
} satisfies FieldErrors<SignUpField>;

/** The sign-in form: both fields filled; whether they match an account is `signIn`'s to say. */
export const signInForm = z.object({ email: email.refine((v) => v !== ''), password: textField.refine((v) => v !== '') });

export const signInMessages = {
	email: { key: 'signin.error.email' },
	password: { key: 'signin.error.password' }
} satisfies FieldErrors<SignInField>;

/** Starts a facilitator's session in this browser (also after an OIDC sign-in). */
export async function startSession(s: Services, cookies: Cookies, facilitatorId: string): Promise<void> {
	const { token, session } = await createSession(s.db, { facilitatorId }, new Date(), s.config.sessionDays);
	cookies.set(FACILITATOR_COOKIE, token, sessionCookieOptions(s.config, session.expiresAt));
}

/** Marks this browser as a known device of the account (keeping its token when it already was one). */
export async function rememberThisDevice(s: Services, cookies: Cookies, facilitatorId: string, knownToken: string | null): Promise<void> {
	const token = knownToken ?? generateToken();
	await rememberDevice(s.db, token, facilitatorId);
	cookies.set(DEVICE_COOKIE, token, deviceCookieOptions(s.config));
}

/** Creates a facilitator account from a parsed `signUpForm` and signs it in; returns the errors to show otherwise. */
export async function signUp(
	s: Services,
	cookies: Cookies,
	input: z.output<typeof signUpForm> & { locale: Locale }
): Promise<FieldErrors<SignUpField> | null> {
	const passwordHash = await hashPassword(input.password);
	const facilitator = await createFacilitator(s.db, { email: input.email, passwordHash, displayName: input.displayName, locale: input.locale });
	if (!facilitator) return { email: { key: 'signup.error.taken' } };
	await rememberThisDevice(s, cookies, facilitator.id, null);
	await startSession(s, cookies, facilitator.id);
	return null;
}

// Verifying against a real hash when the e-mail is unknown keeps both failures equally slow,
// so response time does not tell which e-mails have an account. Made once per process.
let decoyHash: Promise<string> | null = null;

/**
 * Signs a facilitator in, from a parsed `signInForm`. Each attempt is reserved before the
 * password is checked (so concurrent guesses cannot outrun the count), on the e-mail and the
 * client address — or, from a browser that signed in to this account before, on that device
 * alone, so strangers' guesses never lock the real user out. A key that failed too often must
 * wait (429). Unknown e-mail and wrong password get the same message.
 */
export async function signIn(
	s: Services,
	cookies: Cookies,
	input: z.output<typeof signInForm> & { clientAddress: string }
): Promise<{ status: number; errors: FieldErrors<SignInField> } | null> {
	const { email } = input;
	const emailKey = `email:${email.toLowerCase()}`;
	const addressKey = `ip:${input.clientAddress}`;
	const deviceToken = cookies.get(DEVICE_COOKIE);
	const device = await knownDeviceKey(s.db, deviceToken, email);
	const keys = device ? [device] : [emailKey, addressKey];
	const wait = await reserveSignInAttempt(s.db, keys, new Date());
	if (wait > 0) return { status: 429, errors: { form: { key: 'signin.error.throttled', params: { seconds: Math.ceil(wait / 1000) } } } };

	const facilitator = input.password.length <= PASSWORD_MAX ? await findFacilitatorByEmail(s.db, email) : null;
	decoyHash ??= hashPassword('decoy password, never valid');
	const ok = await verifyPassword(facilitator?.passwordHash ?? (await decoyHash), input.password.slice(0, PASSWORD_MAX));
	// A failure was counted when the attempt was reserved.
	if (!facilitator || !ok) return { status: 400, errors: { form: { key: 'signin.error.failed' } } };
	await signInSucceeded(s.db, device ? [device] : [emailKey], device ? [] : [addressKey]);
	await rememberThisDevice(s, cookies, facilitator.id, device ? deviceToken! : null);
	await startSession(s, cookies, facilitator.id);
	return null;
}
