import type { Queryable } from '../db.ts';
import type { Category } from '../../../src/lib/domain/workshop/categories.ts';
import type { PollAnswer } from '../../../src/lib/domain/poll/results.ts';

/** Serialises one participant's answers within a poll phase (two tabs, a retry racing the original). */
export async function lockAnswer(tx: Queryable, workshopId: string, phaseId: string, participantId: string): Promise<void> {
	await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`poll:${workshopId}:${phaseId}:${participantId}`]);
}

/** Replaces a participant's answer with the given choices (indexes, at least one). */
export async function setAnswer(tx: Queryable, workshopId: string, phaseId: string, answer: PollAnswer): Promise<void> {
	await tx.query('DELETE FROM poll_answer WHERE workshop_id = $1 AND phase_id = $2 AND participant_id = $3', [workshopId, phaseId, answer.participantId]);
	for (const choice of answer.choices)
		await tx.query('INSERT INTO poll_answer (workshop_id, phase_id, participant_id, category, choice) VALUES ($1, $2, $3, $4, $5)', [
			workshopId,
			phaseId,
			answer.participantId,
			answer.category,
			choice
		]);
}

/** A participant's chosen indexes, in order (empty: not answered). */
export async function readAnswer(db: Queryable, workshopId: string, phaseId: string, participantId: string): Promise<number[]> {
	const rows = await db.query<{ choice: number }>(
		'SELECT choice FROM poll_answer WHERE workshop_id = $1 AND phase_id = $2 AND participant_id = $3 ORDER BY choice',
		[workshopId, phaseId, participantId]
	);
	return rows.map((r) => r.choice);
}

/** Every answer of a phase, one per participant (for the results: at reveal, or live when the phase says so). */
export async function readAnswers(db: Queryable, workshopId: string, phaseId: string): Promise<PollAnswer[]> {
	const rows = await db.query<{ participant_id: string; category: Category; choice: number }>(
		'SELECT participant_id, category, choice FROM poll_answer WHERE workshop_id = $1 AND phase_id = $2 ORDER BY participant_id, choice',
		[workshopId, phaseId]
	);
	const byParticipant = new Map<string, PollAnswer & { choices: number[] }>();
	for (const r of rows) {
		const a = byParticipant.get(r.participant_id) ?? { participantId: r.participant_id, category: r.category, choices: [] };
		a.choices.push(r.choice);
		byParticipant.set(r.participant_id, a);
	}
	return [...byParticipant.values()];
}

/** How many have answered, by collège: all a client learns before the reveal of a secret poll. */
export async function countAnswered(db: Queryable, workshopId: string, phaseId: string): Promise<Partial<Record<Category, number>>> {
	const rows = await db.query<{ category: Category; n: number | string }>(
		'SELECT category, count(DISTINCT participant_id) AS n FROM poll_answer WHERE workshop_id = $1 AND phase_id = $2 GROUP BY category',
		[workshopId, phaseId]
	);
	return Object.fromEntries(rows.map((r) => [r.category, Number(r.n)]));
}

/** Marks a poll phase's answers as public; true if this call revealed them. */
export async function revealPoll(db: Queryable, workshopId: string, phaseId: string): Promise<boolean> {
	const rows = await db.query('INSERT INTO poll_reveal (workshop_id, phase_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING phase_id', [workshopId, phaseId]);
	return rows.length > 0;
}

export async function isPollRevealed(db: Queryable, workshopId: string, phaseId: string): Promise<boolean> {
	const rows = await db.query('SELECT 1 FROM poll_reveal WHERE workshop_id = $1 AND phase_id = $2', [workshopId, phaseId]);
	return rows.length > 0;
}

/** The poll phases whose answers are public, oldest first. */
export async function revealedPolls(db: Queryable, workshopId: string): Promise<string[]> {
	const rows = await db.query<{ phase_id: string }>('SELECT phase_id FROM poll_reveal WHERE workshop_id = $1 ORDER BY revealed_at, phase_id', [workshopId]);
	return rows.map((r) => r.phase_id);
}
