import type { Queryable } from '../db.ts';
import type { Answer, AnswerDraft, AnswerKind } from '../../../src/lib/domain/decisions/answer.ts';

interface AnswerRow {
	decision_id: string;
	owner_name: string;
	answer: AnswerKind;
	reason: string;
	criteria: string;
	planned_for: string | null;
	at: Date | string;
}
const toAnswer = (r: AnswerRow): Answer => ({
	decisionId: r.decision_id,
	ownerName: r.owner_name,
	answer: r.answer,
	reason: r.reason,
	criteria: r.criteria,
	plannedFor: r.planned_for,
	at: new Date(r.at).toISOString()
});

/**
 * Records an owner's answer to a decision of their workshop. The decision is looked up in
 * that workshop only, so an id from another workshop records nothing: false then.
 */
export async function recordAnswer(
	tx: Queryable,
	input: { workshopId: string; decisionId: string; owner: { id: string; name: string }; answer: AnswerDraft }
): Promise<boolean> {
	const { workshopId, decisionId, owner, answer: a } = input;
	const rows = await tx.query(
		`INSERT INTO decision_answer (workshop_id, decision_id, owner_id, owner_name, answer, reason, criteria, planned_for)
		 SELECT $1, d.id, $3, $4, $5, $6, $7, $8::date FROM decision d WHERE d.workshop_id = $1 AND d.id = $2 AND d.status = 'confirmed'
		 RETURNING seq`,
		[workshopId, decisionId, owner.id, owner.name, a.answer, a.reason, a.criteria, a.plannedFor]
	);
	return rows.length > 0;
}

/** Every answer of a workshop, oldest first (per decision: its history; the last is the current answer). */
export async function readAnswers(db: Queryable, workshopId: string): Promise<Answer[]> {
	const rows = await db.query<AnswerRow>(
		`SELECT decision_id, owner_name, answer, reason, criteria, planned_for::text AS planned_for, at
		 FROM decision_answer WHERE workshop_id = $1 ORDER BY seq`,
		[workshopId]
	);
	return rows.map(toAnswer);
}

/** Answers grouped by decision, oldest first; the last of each list is the decision's current answer. */
export function answersByDecision(answers: readonly Answer[]): Map<string, Answer[]> {
	const by = new Map<string, Answer[]>();
	for (const a of answers) by.set(a.decisionId, [...(by.get(a.decisionId) ?? []), a]);
	return by;
}

/** A decision's current answer (the latest), or null; its row locked so two answers at once take turns. */
export async function currentAnswerKind(tx: Queryable, workshopId: string, decisionId: string): Promise<AnswerKind | null> {
	await tx.query('SELECT 1 FROM decision WHERE workshop_id = $1 AND id = $2 FOR UPDATE', [workshopId, decisionId]);
	const rows = await tx.query<{ answer: AnswerKind }>(
		'SELECT answer FROM decision_answer WHERE workshop_id = $1 AND decision_id = $2 ORDER BY seq DESC LIMIT 1',
		[workshopId, decisionId]
	);
	return rows[0]?.answer ?? null;
}
