import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { services } from '$server/services';
import { workshopOr404 } from '$lib/server/workshop-access';
import { resolveActor } from '$server/auth/actor';
import { z } from 'zod';
import { checkbox, parseForm, textField } from '$lib/server/forms';
import { currentParticipant } from '$lib/server/participants';
import { findParticipant, setAnswerEmail } from '$server/db/repositories/participants';
import { cleanAnswerEmail } from '$lib/domain/rights/personal-data';
import { showsRestitution } from '$lib/domain/decisions/closing';

/**
 * The participant's page. The actor is resolved exactly as the live and sync servers will
 * resolve it from the same cookies, so the page shows who the server thinks you are.
 */
export const load: PageServerLoad = async ({ params, request }) => {
	const s = services();
	const workshop = await workshopOr404(s, params.id);
	const resolved = await resolveActor(s.db, workshop.id, request.headers.get('cookie') ?? undefined, new Date(), s.config.sessionDays);
	// No session here: the way in is the join code or the QR code, which this page must not give
	// away (observers and anyone shown a board URL know the workshop's id, not its code).
	if ('refusal' in resolved) error(401, { message: 'no participant session for this workshop', code: 'participant_session_missing' });
	const { actor } = resolved;
	// An observer's session opens the read-only view, never the participant's page.
	if (actor.category === 'observer') redirect(303, `/observe/${workshop.id}`);
	// A participant's own e-mail for the owners' answers, to show what they left (nobody else's).
	const own = actor.kind === 'participant' ? await findParticipant(s.db, actor.id) : null;
	return {
		workshop: { id: workshop.id, title: workshop.title, ended: showsRestitution(workshop.status) },
		me: { id: actor.id, displayName: actor.displayName, category: actor.category, role: actor.role },
		participant: actor.kind === 'participant',
		answerEmail: own?.answerEmail ?? null
	};
};

const emailForm = z.object({ email: textField, consent: checkbox, forget: checkbox });

export const actions: Actions = {
	/**
	 * At the end of the workshop a participant may leave an e-mail to be told when the owners
	 * answer: only with the consent box ticked, only once the workshop has ended; `forget`
	 * takes it back. Erased with the rest of their data.
	 */
	answerEmail: async ({ params, request, cookies }) => {
		const s = services();
		const workshop = await workshopOr404(s, params.id);
		const me = await currentParticipant(s, cookies, workshop.id);
		if (!me) return fail(401, { emailError: { key: 'rights.email.noSession' as const } });
		if (!showsRestitution(workshop.status)) return fail(409, { emailError: { key: 'rights.email.notEnded' as const } });
		const form = parseForm(emailForm, await request.formData());
		if (!form.ok) return fail(400, { emailError: { key: 'rights.email.invalid' as const } });
		if (form.data.forget) {
			await setAnswerEmail(s.db, workshop.id, me.id, null, new Date());
			return { emailDone: { key: 'rights.email.forgotten' as const } };
		}
		const email = cleanAnswerEmail(form.data.email);
		if (email === null) return fail(400, { email: form.data.email, emailError: { key: 'rights.email.invalid' as const } });
		if (!form.data.consent) return fail(400, { email, emailError: { key: 'rights.email.consentMissing' as const } });
		await setAnswerEmail(s.db, workshop.id, me.id, email, new Date());
		return { emailDone: { key: 'rights.email.saved' as const } };
	}
};
