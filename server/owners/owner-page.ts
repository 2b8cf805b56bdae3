import type { Db, Queryable } from '../db/db.ts';
import { findWorkshop } from '../db/repositories/workshops.ts';
import { findDecision, readDecisions, readOwners } from '../db/repositories/decisions.ts';
import { answersByDecision, currentAnswerKind, readAnswers, recordAnswer } from '../db/repositories/answers.ts';
import { findOwnerLink } from '../db/repositories/owner-links.ts';
import { checkAnswer, type Answer, type AnswerField, type AnswerProblem, type RawAnswer } from '../../src/lib/domain/decisions/answer.ts';
import type { Decision, PublicOwner } from '../../src/lib/domain/decisions/decision.ts';

/** What an owner's link opens: their workshop's confirmed decisions, each with its answers (oldest first). */
export interface OwnerPage {
	workshop: { id: string; title: string; locale: string };
	owner: PublicOwner;
	decisions: { decision: Decision; answers: Answer[] }[];
}

export type OwnerAccess = { status: 'valid'; workshopId: string; ownerId: string } | { status: 'revoked' | 'unknown' };

/** The owner a link token opens (a revoked or unknown link opens nothing). */
export const ownerAccess = (db: Queryable, token: string): Promise<OwnerAccess> => findOwnerLink(db, token);

export async function ownerPage(db: Queryable, access: { workshopId: string; ownerId: string }): Promise<OwnerPage | null> {
	const [workshop, owners, decisions, answers] = await Promise.all([
		findWorkshop(db, access.workshopId),
		readOwners(db, access.workshopId),
		readDecisions(db, access.workshopId),
		readAnswers(db, access.workshopId)
	]);
	const owner = owners.find((o) => o.id === access.ownerId);
	if (!workshop || !owner) return null;
	const by = answersByDecision(answers);
	return {
		workshop: { id: workshop.id, title: workshop.title, locale: workshop.locale },
		owner: { id: owner.id, name: owner.name, organisation: owner.organisation },
		decisions: decisions.filter((d) => d.status === 'confirmed').map((decision) => ({ decision, answers: by.get(decision.id) ?? [] }))
	};
}

export type AnswerOutcome = { ok: true } | { ok: false; notFound: true } | { ok: false; problems: Partial<Record<AnswerField, AnswerProblem>> };

/**
 * Records an owner's answer to one confirmed decision of their own workshop, checked by the
 * domain rules against the decision's current answer. A decision id of another workshop (or
 * not confirmed) is not found, and nothing is written.
 */
export async function answerDecision(db: Db, access: { workshopId: string; ownerId: string }, decisionId: string, raw: RawAnswer): Promise<AnswerOutcome> {
	return db.transaction(async (tx): Promise<AnswerOutcome> => {
		const decision = await findDecision(tx, access.workshopId, decisionId);
		const owner = (await readOwners(tx, access.workshopId)).find((o) => o.id === access.ownerId);
		if (!decision || decision.status !== 'confirmed' || !owner) return { ok: false, notFound: true };
		const checked = checkAnswer(raw, await currentAnswerKind(tx, access.workshopId, decisionId));
		if (!checked.ok) return { ok: false, problems: checked.problems };
		const recorded = await recordAnswer(tx, { workshopId: access.workshopId, decisionId, owner: { id: owner.id, name: owner.name }, answer: checked.answer });
		return recorded ? { ok: true } : { ok: false, notFound: true };
	});
}
