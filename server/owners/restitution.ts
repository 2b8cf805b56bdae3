import type { Queryable } from '../db/db.ts';
import { readAgenda } from '../db/repositories/agenda.ts';
import { phasesWithPriorities, readPriorities } from '../db/repositories/priorities.ts';
import { readDecisions, readOwners } from '../db/repositories/decisions.ts';
import { answersByDecision, readAnswers } from '../db/repositories/answers.ts';
import { publicOwners } from '../../src/lib/domain/decisions/decision.ts';
import type { Restitution } from '../../src/lib/domain/decisions/views.ts';

/**
 * The public results page an ended workshop's join link opens, with the owners' answers as
 * they arrive. Public by design (anyone with the code or the QR): no participant's name, no
 * owner's e-mail.
 */

export async function restitution(db: Queryable, workshopId: string): Promise<Restitution> {
	const [agenda, phaseIds, decisions, owners, answers, closed] = await Promise.all([
		readAgenda(db, workshopId),
		phasesWithPriorities(db, workshopId),
		readDecisions(db, workshopId),
		readOwners(db, workshopId),
		readAnswers(db, workshopId),
		db.query<{ closed_at: Date | string | null }>('SELECT closed_at FROM workshop WHERE id = $1', [workshopId])
	]);
	const priorities = [];
	for (const phase of agenda.filter((p) => phaseIds.includes(p.id))) {
		const items = await readPriorities(db, workshopId, phase.id);
		if (items.length) priorities.push({ phaseId: phase.id, title: phase.title, items: items.map((i) => i.label) });
	}
	const by = answersByDecision(answers);
	const closedAt = closed[0]?.closed_at;
	return {
		priorities,
		owners: publicOwners(owners),
		decisions: decisions.filter((d) => d.status === 'confirmed').map((decision) => ({ decision, answers: by.get(decision.id) ?? [] })),
		closedOn: closedAt ? new Date(closedAt).toISOString() : null
	};
}
