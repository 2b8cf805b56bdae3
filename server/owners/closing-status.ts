import type { Queryable } from '../db/db.ts';
import { findWorkshop } from '../db/repositories/workshops.ts';
import { readDecisions, readOwners } from '../db/repositories/decisions.ts';
import { readAnswers } from '../db/repositories/answers.ts';
import { ownersWithLinks } from '../db/repositories/owner-links.ts';
import { readMailStates } from '../db/repositories/owner-mail.ts';
import { overdueDecisions } from '../../src/lib/domain/decisions/closing.ts';
import type { Day } from '../../src/lib/domain/decisions/decision.ts';
import type { ClosingStatus } from '../../src/lib/domain/decisions/views.ts';

/** What the facilitators' closing panel shows. */

export async function closingStatus(db: Queryable, workshopId: string, today: Day, mail: boolean): Promise<ClosingStatus> {
	const [workshop, owners, decisions, answers, links, mails] = await Promise.all([
		findWorkshop(db, workshopId),
		readOwners(db, workshopId),
		readDecisions(db, workshopId),
		readAnswers(db, workshopId),
		ownersWithLinks(db, workshopId),
		readMailStates(db, workshopId)
	]);
	const answered = new Set(answers.map((a) => a.decisionId));
	const confirmed = decisions.filter((d) => d.status === 'confirmed');
	return {
		closed: workshop?.status === 'closed',
		mail,
		owners: owners.map((o) => {
			const m = mails.find((x) => x.ownerId === o.id);
			return { id: o.id, name: o.name, hasLink: links.has(o.id), mail: m ? { status: m.status, at: (m.sentAt ?? m.attemptedAt).toISOString() } : null };
		}),
		confirmed: confirmed.length,
		answered: confirmed.filter((d) => answered.has(d.id)).length,
		overdue: overdueDecisions(decisions, answered, today).map((d) => ({ id: d.id, title: d.title, answerBy: d.answerBy! }))
	};
}
