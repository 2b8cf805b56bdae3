import type { Queryable } from '../db/db.ts';
import type { Log } from '../log.ts';
import { findWorkshop } from '../db/repositories/workshops.ts';
import { findDecision } from '../db/repositories/decisions.ts';
import { readAnswerSubscribers } from '../db/repositories/participants.ts';
import type { OwnerMailer } from './mailer.ts';

/**
 * Tells the participants who left their e-mail (with consent) that an owner answered one of the
 * workshop's decisions, with the link to the public results page. One e-mail each, so nobody
 * sees another's address; sent after the answer is stored, never holding the owner's page, and a
 * failure is logged, not retried (the results page has the answer anyway).
 */
export async function tellAnswerSubscribers(
	deps: { db: Queryable; mailer?: OwnerMailer | null; log: Log },
	input: { workshopId: string; decisionId: string; answer: string; reason: string; origin: string }
): Promise<number> {
	const { db, mailer, log } = deps;
	if (!mailer) return 0;
	const [workshop, decision, subscribers] = await Promise.all([
		findWorkshop(db, input.workshopId),
		findDecision(db, input.workshopId, input.decisionId),
		readAnswerSubscribers(db, input.workshopId)
	]);
	if (!workshop || !decision) return 0;
	let sent = 0;
	for (const to of subscribers) {
		try {
			await mailer.sendNews({
				to,
				locale: workshop.locale === 'en' ? 'en' : 'fr',
				workshopTitle: workshop.title,
				decisionTitle: decision.title,
				answer: input.answer,
				reason: input.reason,
				resultsUrl: `${input.origin}/j/${workshop.joinCode}`
			});
			sent++;
		} catch (e) {
			log.warn({ workshopId: input.workshopId, err: (e as Error).message }, 'answer news not sent to a participant');
		}
	}
	return sent;
}
