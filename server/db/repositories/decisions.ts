import type { Queryable } from '../db.ts';
import { moveTo, type Committer, type Decision, type DecisionStatus, type Owner } from '../../../src/lib/domain/decisions/decision.ts';

interface DecisionRow {
	id: string;
	title: string;
	text: string;
	commits: Committer[];
	responsible: string;
	due_date: string | null;
	answer_by: string | null;
	status: DecisionStatus;
	source_id: string | null;
}

// Days are read as text: a `date` read as a JavaScript Date would move with the server's zone.
const DECISION_COLUMNS = `id, title, text, commits, responsible, due_date::text AS due_date, answer_by::text AS answer_by, status, source_id`;

const toDecision = (r: DecisionRow): Decision => ({
	id: r.id,
	title: r.title,
	text: r.text,
	commits: [...r.commits],
	responsible: r.responsible,
	dueDate: r.due_date,
	answerBy: r.answer_by,
	status: r.status,
	sourceId: r.source_id
});

/** A workshop's decisions in their order. */
export async function readDecisions(db: Queryable, workshopId: string): Promise<Decision[]> {
	const rows = await db.query<DecisionRow>(`SELECT ${DECISION_COLUMNS} FROM decision WHERE workshop_id = $1 ORDER BY position, id`, [workshopId]);
	return rows.map(toDecision);
}

export async function findDecision(db: Queryable, workshopId: string, id: string): Promise<Decision | null> {
	const rows = await db.query<DecisionRow>(`SELECT ${DECISION_COLUMNS} FROM decision WHERE workshop_id = $1 AND id = $2`, [workshopId, id]);
	return rows[0] ? toDecision(rows[0]) : null;
}

export async function countDecisions(db: Queryable, workshopId: string): Promise<number> {
	const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM decision WHERE workshop_id = $1', [workshopId]);
	return rows[0]?.n ?? 0;
}

export type DecisionAction = 'create' | 'update' | 'move' | 'delete';

async function recordHistory(tx: Queryable, workshopId: string, actorId: string, action: DecisionAction, decision: Decision): Promise<void> {
	await tx.query(
		// Typed as text first: both drivers then send our JSON string as is instead of encoding it again.
		`INSERT INTO decision_history (workshop_id, decision_id, actor_id, action, decision) VALUES ($1, $2, $3, $4, $5::text::jsonb)`,
		[workshopId, decision.id, actorId, action, JSON.stringify(decision)]
	);
}

/**
 * Writes a decision (a new one goes last) and records it in its history. Run it in the
 * command's transaction; the caller checked that an id it did not make exists.
 */
export async function saveDecision(tx: Queryable, workshopId: string, decision: Decision, actorId: string): Promise<DecisionAction> {
	const d = decision;
	const rows = await tx.query<{ created: boolean }>(
		`INSERT INTO decision (workshop_id, id, position, title, text, commits, responsible, due_date, answer_by, status, source_id)
		 VALUES ($1, $2, (SELECT coalesce(max(position) + 1, 0) FROM decision WHERE workshop_id = $1),
		   $3, $4, $5::text[], $6, $7::date, $8::date, $9, $10)
		 ON CONFLICT (workshop_id, id) DO UPDATE SET title = EXCLUDED.title, text = EXCLUDED.text, commits = EXCLUDED.commits,
		   responsible = EXCLUDED.responsible, due_date = EXCLUDED.due_date, answer_by = EXCLUDED.answer_by,
		   status = EXCLUDED.status, source_id = EXCLUDED.source_id, updated_at = now()
		 RETURNING (xmax = 0) AS created`,
		[workshopId, d.id, d.title, d.text, d.commits, d.responsible, d.dueDate, d.answerBy, d.status, d.sourceId]
	);
	const action: DecisionAction = rows[0]?.created ? 'create' : 'update';
	await recordHistory(tx, workshopId, actorId, action, d);
	return action;
}

/** Deletes a decision (its history stays); false if there was none. */
export async function deleteDecision(tx: Queryable, workshopId: string, id: string, actorId: string): Promise<boolean> {
	const rows = await tx.query<DecisionRow>(`DELETE FROM decision WHERE workshop_id = $1 AND id = $2 RETURNING ${DECISION_COLUMNS}`, [workshopId, id]);
	if (!rows[0]) return false;
	await recordHistory(tx, workshopId, actorId, 'delete', toDecision(rows[0]));
	return true;
}

/** Moves a decision to index `to` of the list (clamped); false if there was none. */
export async function moveDecision(tx: Queryable, workshopId: string, id: string, to: number, actorId: string): Promise<boolean> {
	const decisions = await readDecisions(tx, workshopId);
	const order = moveTo(
		decisions.map((d) => d.id),
		id,
		to
	);
	if (!order) return false;
	await tx.query(
		`UPDATE decision SET position = o.position - 1
		 FROM unnest($2::text[]) WITH ORDINALITY AS o(id, position)
		 WHERE decision.workshop_id = $1 AND decision.id = o.id`,
		[workshopId, order]
	);
	await recordHistory(tx, workshopId, actorId, 'move', decisions.find((d) => d.id === id)!);
	return true;
}

export interface DecisionChange {
	decisionId: string;
	at: Date;
	actorId: string;
	action: DecisionAction;
	decision: Decision;
}

/** Every recorded change of a workshop's decisions (of one decision when `decisionId` is given), oldest first. */
export async function readDecisionHistory(db: Queryable, workshopId: string, decisionId?: string): Promise<DecisionChange[]> {
	const rows = await db.query<{ decision_id: string; at: Date | string; actor_id: string; action: DecisionAction; decision: Decision }>(
		`SELECT decision_id, at, actor_id, action, decision FROM decision_history
		 WHERE workshop_id = $1 AND ($2::text IS NULL OR decision_id = $2) ORDER BY seq`,
		[workshopId, decisionId ?? null]
	);
	return rows.map((r) => ({ decisionId: r.decision_id, at: new Date(r.at), actorId: r.actor_id, action: r.action, decision: r.decision }));
}

/** A workshop's owners in their order. */
export async function readOwners(db: Queryable, workshopId: string): Promise<Owner[]> {
	return db.query<Owner>('SELECT id, name, email, organisation FROM workshop_owner WHERE workshop_id = $1 ORDER BY position, id', [workshopId]);
}

/** Writes the owners as given, in order: kept by id, others added, missing ones removed. */
export async function saveOwners(tx: Queryable, workshopId: string, owners: readonly Owner[]): Promise<void> {
	await tx.query('DELETE FROM workshop_owner WHERE workshop_id = $1 AND NOT (id = ANY($2::text[]))', [workshopId, owners.map((o) => o.id)]);
	for (const [position, o] of owners.entries()) {
		await tx.query(
			`INSERT INTO workshop_owner (workshop_id, id, position, name, email, organisation) VALUES ($1, $2, $3, $4, $5, $6)
			 ON CONFLICT (workshop_id, id) DO UPDATE SET position = EXCLUDED.position, name = EXCLUDED.name,
			   email = EXCLUDED.email, organisation = EXCLUDED.organisation`,
			[workshopId, o.id, position, o.name, o.email, o.organisation]
		);
	}
}
