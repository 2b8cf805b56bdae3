import type { Queryable } from '../db/db.ts';
import type { Log } from '../log.ts';
import type { Owner } from '../../src/lib/domain/decisions/decision.ts';
import { isLocale } from '../../src/lib/i18n/index.ts';
import { mailOutcome } from '../db/repositories/owner-mail.ts';
import type { OwnerLetter, OwnerMailer } from './mailer.ts';

export interface DeliveryDeps {
	db: Queryable;
	log: Log;
	mailer: OwnerMailer | null;
}

/** The owner's page for a link token. */
export const ownerLinkUrl = (origin: string, token: string) => `${origin}/porteur/${token}`;

/**
 * Sends one e-mail to an owner and records how it went (its row is already 'pending'). Never
 * throws: the closing or the reminder that asked for it is done whatever happens here; a
 * failure is logged, shown to the facilitators ("e-mail non envoyé") and retried by the
 * reminder job.
 */
export async function deliver(
	deps: DeliveryDeps,
	input: { workshop: { id: string; title: string; locale: string }; owner: Owner; token: string; origin: string; kind: OwnerLetter['kind']; overdue?: OwnerLetter['overdue'] }
): Promise<boolean> {
	const { workshop, owner } = input;
	if (!deps.mailer) return false;
	const letter: OwnerLetter = {
		kind: input.kind,
		workshopId: workshop.id,
		workshopTitle: workshop.title,
		locale: isLocale(workshop.locale) ? workshop.locale : 'fr',
		to: owner.email,
		ownerName: owner.name,
		link: ownerLinkUrl(input.origin, input.token),
		overdue: input.overdue
	};
	try {
		await deps.mailer.send(letter);
		await mailOutcome(deps.db, workshop.id, owner.id, { sent: true, reminder: input.kind === 'reminder' });
		deps.log.info({ workshopId: workshop.id, ownerId: owner.id, kind: input.kind }, 'owner e-mail sent');
		return true;
	} catch (e) {
		const message = (e as Error).message;
		deps.log.warn({ workshopId: workshop.id, ownerId: owner.id, kind: input.kind, err: message }, 'owner e-mail not sent; the reminder job retries it');
		await mailOutcome(deps.db, workshop.id, owner.id, { sent: false, error: message }).catch((err: Error) =>
			deps.log.error({ workshopId: workshop.id, err: err.message }, 'could not record the owner e-mail failure')
		);
		return false;
	}
}
