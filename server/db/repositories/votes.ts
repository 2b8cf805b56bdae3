import type { Queryable } from '../db.ts';
import type { Category } from '../../../src/lib/domain/workshop/categories.ts';

/** One voter's dots on one item of a vote phase. */
export interface StoredVote {
	voterId: string;
	category: Category;
	itemId: string;
	dots: number;
}

export interface StoredPaperDots {
	itemId: string;
	category: Category;
	dots: number;
}

/**
 * Serialises one voter's changes within a vote phase (two tabs, a retry racing the original):
 * the budget is checked against what is stored, inside the same transaction that changes it.
 */
export async function lockBallot(tx: Queryable, workshopId: string, phaseId: string, voterId: string): Promise<void> {
	await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`vote:${workshopId}:${phaseId}:${voterId}`]);
}

/** A voter's dots per item in a vote phase. */
export async function readBallot(db: Queryable, workshopId: string, phaseId: string, voterId: string): Promise<Map<string, number>> {
	const rows = await db.query<{ item_id: string; dots: number }>(
		'SELECT item_id, dots FROM vote WHERE workshop_id = $1 AND phase_id = $2 AND voter_id = $3',
		[workshopId, phaseId, voterId]
	);
	return new Map(rows.map((r) => [r.item_id, r.dots]));
}

/** Sets a voter's dots on an item (0 withdraws them). */
export async function setVote(tx: Queryable, workshopId: string, phaseId: string, vote: StoredVote): Promise<void> {
	if (vote.dots === 0) {
		await tx.query('DELETE FROM vote WHERE workshop_id = $1 AND phase_id = $2 AND voter_id = $3 AND item_id = $4', [workshopId, phaseId, vote.voterId, vote.itemId]);
		return;
	}
	await tx.query(
		`INSERT INTO vote (workshop_id, phase_id, voter_id, category, item_id, dots) VALUES ($1, $2, $3, $4, $5, $6)
		 ON CONFLICT (workshop_id, phase_id, voter_id, item_id) DO UPDATE SET dots = EXCLUDED.dots, category = EXCLUDED.category, updated_at = now()`,
		[workshopId, phaseId, vote.voterId, vote.category, vote.itemId, vote.dots]
	);
}

/** Every phone vote of a phase (for the results, once revealed). */
export async function readVotes(db: Queryable, workshopId: string, phaseId: string): Promise<StoredVote[]> {
	const rows = await db.query<{ voter_id: string; category: Category; item_id: string; dots: number }>(
		'SELECT voter_id, category, item_id, dots FROM vote WHERE workshop_id = $1 AND phase_id = $2 ORDER BY voter_id, item_id',
		[workshopId, phaseId]
	);
	return rows.map((r) => ({ voterId: r.voter_id, category: r.category, itemId: r.item_id, dots: r.dots }));
}

/** How many people have voted, by collège: all a client learns before the reveal. */
export async function countVoters(db: Queryable, workshopId: string, phaseId: string): Promise<Partial<Record<Category, number>>> {
	const rows = await db.query<{ category: Category; voters: number | string }>(
		'SELECT category, count(DISTINCT voter_id) AS voters FROM vote WHERE workshop_id = $1 AND phase_id = $2 GROUP BY category',
		[workshopId, phaseId]
	);
	return Object.fromEntries(rows.map((r) => [r.category, Number(r.voters)]));
}

/** Sets the dots counted on the wall for an item and a collège (0 clears them). */
export async function setPaperDots(tx: Queryable, workshopId: string, phaseId: string, paper: StoredPaperDots): Promise<void> {
	if (paper.dots === 0) {
		await tx.query('DELETE FROM paper_vote WHERE workshop_id = $1 AND phase_id = $2 AND item_id = $3 AND category = $4', [workshopId, phaseId, paper.itemId, paper.category]);
		return;
	}
	await tx.query(
		`INSERT INTO paper_vote (workshop_id, phase_id, item_id, category, dots) VALUES ($1, $2, $3, $4, $5)
		 ON CONFLICT (workshop_id, phase_id, item_id, category) DO UPDATE SET dots = EXCLUDED.dots`,
		[workshopId, phaseId, paper.itemId, paper.category, paper.dots]
	);
}

export async function readPaperDots(db: Queryable, workshopId: string, phaseId: string): Promise<StoredPaperDots[]> {
	const rows = await db.query<{ item_id: string; category: Category; dots: number }>(
		'SELECT item_id, category, dots FROM paper_vote WHERE workshop_id = $1 AND phase_id = $2 ORDER BY item_id, category',
		[workshopId, phaseId]
	);
	return rows.map((r) => ({ itemId: r.item_id, category: r.category, dots: r.dots }));
}

/** Marks a vote phase's results as public; true if this call revealed them. */
export async function revealVotes(db: Queryable, workshopId: string, phaseId: string): Promise<boolean> {
	const rows = await db.query('INSERT INTO vote_reveal (workshop_id, phase_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING phase_id', [workshopId, phaseId]);
	return rows.length > 0;
}

export async function isRevealed(db: Queryable, workshopId: string, phaseId: string): Promise<boolean> {
	const rows = await db.query('SELECT 1 FROM vote_reveal WHERE workshop_id = $1 AND phase_id = $2', [workshopId, phaseId]);
	return rows.length > 0;
}

/** The vote phases whose results are public, oldest first. */
export async function revealedPhases(db: Queryable, workshopId: string): Promise<string[]> {
	const rows = await db.query<{ phase_id: string }>('SELECT phase_id FROM vote_reveal WHERE workshop_id = $1 ORDER BY revealed_at, phase_id', [workshopId]);
	return rows.map((r) => r.phase_id);
}
