import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { services } from '$server/services';
import { workshopOr404 } from '$lib/server/workshop-access';
import { currentParticipant } from '$lib/server/participants';
import { participantCookie } from '$server/auth/cookies';
import { z } from 'zod';
import { checkbox, parseForm } from '$lib/server/forms';
import { eraseParticipant, ownData } from '$server/people/data-rights';

/**
 * "Mes données": what Concerto stores about the participant on this device, and the way to
 * erase it. Only their own participant session opens it; nobody else's data is ever shown.
 */
export const load: PageServerLoad = async ({ params, cookies }) => {
	const s = services();
	const workshop = await workshopOr404(s, params.id);
	const me = await currentParticipant(s, cookies, workshop.id);
	if (!me) error(401, { message: 'no participant session for this workshop', code: 'participant_session_missing' });
	const { participant, noteCount } = await ownData(s.db, me);
	return {
		workshop: { id: workshop.id, title: workshop.title },
		data: {
			displayName: participant.displayName,
			anonymous: participant.anonymous,
			category: participant.category,
			ageBand: participant.ageBand,
			gender: participant.gender,
			answerEmail: participant.answerEmail,
			joinedAt: participant.joinedAt.toISOString(),
			noteCount
		}
	};
};

const eraseForm = z.object({ confirm: checkbox });

export const actions: Actions = {
	/** Erases the participant's name, age band, gender and e-mail, then ends their session (on every device). */
	erase: async ({ params, cookies, request }) => {
		const s = services();
		const workshop = await workshopOr404(s, params.id);
		const me = await currentParticipant(s, cookies, workshop.id);
		if (!me) error(401, { message: 'no participant session for this workshop', code: 'participant_session_missing' });
		// The box is the confirmation, checked here so that it holds without scripts too.
		const form = parseForm(eraseForm, await request.formData());
		if (!form.ok || !form.data.confirm) return fail(400, { eraseError: { key: 'rights.own.confirmMissing' as const } });
		await eraseParticipant(s, workshop.id, me.id);
		cookies.delete(participantCookie(workshop.id), { path: '/' });
		redirect(303, `/p/${workshop.id}/my-data/erased`);
	}
};
