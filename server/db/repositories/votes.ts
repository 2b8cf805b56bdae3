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

/** A voter's dots per item in a vote phase. */
export async function readBallot(db: Queryable, workshopId: string, phaseId: string, voterId: string): Promise<Map<string, number>> {
	const rows = await db.query<{ item_id: string; dots: number }>(
		'SELECT item_id, dots FROM vote WHERE workshop_id = $1 AND phase_id = $2 AND voter_id = $3',
		[workshopId, phaseId, voterId]
	);
	return new Map(rows.map((r) => [r.item_id, r.dots]));
}

/**
 * Serialises the batches of one vote phase, on every instance: each batch reads the ballots it
 * changes and checks the budget against them, so two batches must not interleave.
 */
export async function lockVotePhase(tx: Queryable, workshopId: string, phaseId: string): Promise<void> {
	await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`vote:${workshopId}:${phaseId}`]);
}

/** Several voters' dots in a phase: `= ANY(ARRAY(…))` looks them up in the primary key (see FIND_COMMANDS_SQL). */
export const READ_BALLOTS_SQL = `SELECT voter_id, item_id, dots FROM vote
	WHERE workshop_id = $1 AND phase_id = $2 AND voter_id = ANY(ARRAY(SELECT jsonb_array_elements_text($3::text::jsonb)))`;

/** The ballots of several voters at once (one query for a batch), by voter then item. */
export async function readBallots(db: Queryable, workshopId: string, phaseId: string, voterIds: readonly string[]): Promise<Map<string, Map<string, number>>> {
	const ballots = new Map<string, Map<string, number>>(voterIds.map((id) => [id, new Map()]));
	if (voterIds.length === 0) return ballots;
	const rows = await db.query<{ voter_id: string; item_id: string; dots: number }>(READ_BALLOTS_SQL, [workshopId, phaseId, JSON.stringify(voterIds)]);
	for (const r of rows) ballots.get(r.voter_id)?.set(r.item_id, r.dots);
	return ballots;
}

/** Stores a batch's final dots per (voter, item) in two statements: 0 withdraws, anything else sets. */
export async function writeVotes(tx: Queryable, workshopId: string, phaseId: string, votes: readonly StoredVote[]): Promise<void> {
	const json = (list: readonly StoredVote[]) =>
		JSON.stringify(list.map((v) => ({ voter_id: v.voterId, category: v.category, item_id: v.itemId, dots: v.dots })));
	const withdrawn = votes.filter((v) => v.dots === 0);
	const set = votes.filter((v) => v.dots > 0);
	if (withdrawn.length > 0)
		await tx.query(
			`DELETE FROM vote v USING jsonb_to_recordset($3::text::jsonb) AS r(voter_id text, item_id text)
			 WHERE v.workshop_id = $1 AND v.phase_id = $2 AND v.voter_id = r.voter_id AND v.item_id = r.item_id`,
			[workshopId, phaseId, json(withdrawn)]
		);
	if (set.length > 0)
		await tx.query(
			`INSERT INTO vote (workshop_id, phase_id, voter_id, category, item_id, dots)
			 SELECT $1, $2, r.voter_id, r.category, r.item_id, r.dots FROM jsonb_to_recordset($3::text::jsonb) AS r(voter_id text, category text, item_id text, dots integer)
			 ON CONFLICT (workshop_id, phase_id, voter_id, item_id) DO UPDATE SET dots = EXCLUDED.dots, category = EXCLUDED.category, updated_at = now()`,
			[workshopId, phaseId, json(set)]
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
