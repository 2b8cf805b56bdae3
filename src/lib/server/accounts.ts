import type { Cookies } from '@sveltejs/kit';
import type { Services } from '$server/services';
import { z } from 'zod';
import { labelField, textField, type FieldErrors } from './forms.ts';
import { hashPassword, verifyPassword } from '$server/auth/passwords';
import { createSession } from '$server/db/repositories/sessions';
import { FACILITATOR_COOKIE, sessionCookieOptions } from '$server/auth/cookies';
import { clearSignInFailures, recordSignInFailure, waitBeforeSignIn } from '$server/db/repositories/sign-in-failures';
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

async function startSession(s: Services, cookies: Cookies, facilitatorId: string): Promise<void> {
	const { token, session } = await createSession(s.db, { facilitatorId }, new Date(), s.config.sessionDays);
	cookies.set(FACILITATOR_COOKIE, token, sessionCookieOptions(s.config, session.expiresAt));
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
	await startSession(s, cookies, facilitator.id);
	return null;
}

// Verifying against a real hash when the e-mail is unknown keeps both failures equally slow,
// so response time does not tell which e-mails have an account. Made once per process.
let decoyHash: Promise<string> | null = null;

/**
 * Signs a facilitator in, from a parsed `signInForm`. Failures are counted per e-mail and per client address, and a
 * key that failed too often must wait (429). Unknown e-mail and wrong password get the
 * same message.
 */
export async function signIn(
	s: Services,
	cookies: Cookies,
	input: z.output<typeof signInForm> & { clientAddress: string }
): Promise<{ status: number; errors: FieldErrors<SignInField> } | null> {
	const { email } = input;
	const emailKey = `email:${email.toLowerCase()}`;
	const keys = [emailKey, `ip:${input.clientAddress}`];
	const now = new Date();
	const wait = await waitBeforeSignIn(s.db, keys, now);
	if (wait > 0) return { status: 429, errors: { form: { key: 'signin.error.throttled', params: { seconds: Math.ceil(wait / 1000) } } } };

	const facilitator = input.password.length <= PASSWORD_MAX ? await findFacilitatorByEmail(s.db, email) : null;
	decoyHash ??= hashPassword('decoy password, never valid');
	const ok = await verifyPassword(facilitator?.passwordHash ?? (await decoyHash), input.password.slice(0, PASSWORD_MAX));
	if (!facilitator || !ok) {
		await recordSignInFailure(s.db, keys, now);
		return { status: 400, errors: { form: { key: 'signin.error.failed' } } };
	}
	// Only the e-mail's count is cleared: one good account must not reset an address that guesses others.
	await clearSignInFailures(s.db, [emailKey]);
	await startSession(s, cookies, facilitator.id);
	return null;
}
