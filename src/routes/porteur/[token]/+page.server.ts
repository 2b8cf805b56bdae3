import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { z } from 'zod';
import { services } from '$server/services';
import { parseForm, textField } from '$lib/server/forms';
import { answerDecision, ownerAccess, ownerPage } from '$server/owners/owner-page';
import { tellAnswerSubscribers } from '$server/owners/answer-news';
import type { Message } from '$lib/i18n/context';
import type { AnswerField, AnswerProblem } from '$lib/domain/decisions/answer';
import { ANSWER_LIMITS } from '$lib/domain/decisions/answer';

/**
 * An owner's page, opened by their secret link: the workshop's confirmed decisions and a form
 * to answer each. The token in the URL is the only key, so the page tells no other site where
 * it came from (no Referer) and a replaced or unknown link opens nothing.
 */
async function access(token: string) {
	const found = await ownerAccess(services().db, token);
	if (found.status === 'revoked') error(410, { message: 'this owner link was replaced by a newer one', code: 'owner_link_revoked' });
	if (found.status !== 'valid') error(404, { message: 'this owner link is not valid', code: 'owner_link_unknown' });
	return found;
}

export const load: PageServerLoad = async ({ params, setHeaders }) => {
	setHeaders({ 'referrer-policy': 'no-referrer', 'cache-control': 'private, no-store' });
	const found = await access(params.token);
	const page = await ownerPage(services().db, found);
	if (!page) error(404, { message: 'this owner link is not valid', code: 'owner_link_unknown' });
	return page;
};

const answerForm = z.object({ decisionId: textField, answer: textField, reason: textField, criteria: textField, plannedFor: textField });

const MESSAGES: Record<AnswerProblem, Message> = {
	'answer.unknown': { key: 'owners.answer.error.answer' },
	'answer.notTakenUp': { key: 'owners.answer.error.notTakenUp' },
	'reason.required': { key: 'owners.answer.error.reasonRequired' },
	'reason.tooLong': { key: 'owners.answer.error.tooLong', params: { max: ANSWER_LIMITS.reason } },
	'criteria.tooLong': { key: 'owners.answer.error.tooLong', params: { max: ANSWER_LIMITS.criteria } },
	'plannedFor.invalid': { key: 'owners.answer.error.plannedFor' },
	'plannedFor.declined': { key: 'owners.answer.error.plannedForDeclined' }
};

export const actions: Actions = {
	answer: async ({ params, request, url }) => {
		const found = await access(params.token);
		const form = parseForm(answerForm, await request.formData());
		if (!form.ok) return fail(400, { decisionId: '', values: form.values, errors: { form: { key: 'error.invalid_input' } } as Partial<Record<AnswerField | 'form', Message>> });
		const { decisionId, ...raw } = form.data;
		const s = services();
		const outcome = await answerDecision(s.db, found, decisionId, raw);
		if (outcome.ok) {
			// Participants who asked to be told hear of it; the owner's page does not wait for the mail.
			const origin = s.config.origin ?? url.origin;
			void tellAnswerSubscribers(s, { workshopId: found.workshopId, decisionId, answer: raw.answer, reason: raw.reason.trim(), origin }).catch((e: Error) =>
				s.log.warn({ err: e.message }, 'answer news failed')
			);
			return { saved: decisionId };
		}
		if ('notFound' in outcome) return fail(404, { decisionId: '', values: form.values, errors: { form: { key: 'owners.answer.error.notFound' } } as Partial<Record<AnswerField | 'form', Message>> });
		const errors: Partial<Record<AnswerField | 'form', Message>> = {};
		for (const [field, problem] of Object.entries(outcome.problems) as [AnswerField, AnswerProblem][]) errors[field] = MESSAGES[problem];
		return fail(400, { decisionId, values: form.values, errors });
	}
};
