/** One voter's change to their ballot, with the rules of the vote it must respect. */
export interface BallotChange {
	/** This voter's dots now, by item (only the voter's own ballot: votes stay secret). */
	current: ReadonlyMap<string, number>;
	itemId: string;
	/** The new number of dots on that item (not a delta: a retried command lands the same). */
	dots: number;
	/** Dots one voter may spend in all. */
	budget: number;
	/** Dots one voter may put on one item. */
	maxPerItem: number;
	/** Items that can receive dots in this vote (clusters or notes). */
	votable: ReadonlySet<string>;
	/** Items this voter wrote. */
	ownItems: ReadonlySet<string>;
	/** Whether a voter may put dots on what they wrote. */
	allowOwn: boolean;
}

export type BallotErrorCode = 'not_found' | 'over_budget' | 'over_cap' | 'own_item' | 'invalid_input';
export type BallotCheck = { ok: true } | { ok: false; code: BallotErrorCode; message: string };

const OK: BallotCheck = { ok: true };
const refuse = (code: BallotErrorCode, message: string): BallotCheck => ({ ok: false, code, message });
const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

/**
 * Whether the server may store this change. Pure, so the phone can grey out a button with the
 * same rule. The budget holds over the whole ballot after the change, so moving a dot from one
 * item to another works in two steps (withdraw, then add) and never lets a voter go over.
 *
 * Withdrawing (0) is always allowed, even on an item that is no longer votable or that the voter
 * wrote: dots must never get stuck on a note deleted mid-vote, nor behind `allowOwn` switched
 * off or a budget lowered mid-vote. Any other count must pass every rule, even when it lowers
 * the count, so an accepted non-zero count is never over the cap or the budget.
 */
export function checkBallot(change: BallotChange): BallotCheck {
	const { current, itemId, dots, budget, maxPerItem } = change;
	// Settings come from the server, but a broken phase setting must fail closed, not open.
	if (typeof itemId !== 'string' || !isCount(dots) || !isCount(budget) || !isCount(maxPerItem))
		return refuse('invalid_input', 'dots, budget and maxPerItem must be whole numbers ≥ 0');

	if (dots === 0) return OK;
	if (!change.votable.has(itemId)) return refuse('not_found', 'this item is not part of the vote');
	if (!change.allowOwn && change.ownItems.has(itemId)) return refuse('own_item', 'you cannot vote for what you wrote');
	if (dots > maxPerItem) return refuse('over_cap', `at most ${maxPerItem} dots on one item`);

	let spent = dots;
	for (const [id, n] of current) if (id !== itemId) spent += n;
	if (spent > budget) return refuse('over_budget', `at most ${budget} dots in all`);
	return OK;
}

/** The rules of a vote, as `applyBallotChanges` checks each change against them. */
export type BallotRules = Pick<BallotChange, 'budget' | 'maxPerItem' | 'votable' | 'allowOwn'>;

/** One voter's change in a batch: who, which item, how many dots now, and the items they wrote. */
export interface VoterChange {
	voterId: string;
	itemId: string;
	dots: number;
	ownItems: ReadonlySet<string>;
}

/**
 * Changes that arrived together, checked one after the other as if each had been stored before
 * the next: two tabs of one voter, each within the budget alone, cannot together go over it.
 * `ballots` (each voter's stored dots, by item) is updated in place; returns each change's
 * check, in order, with the dots its voter had spent once it was applied.
 */
export function applyBallotChanges(ballots: Map<string, Map<string, number>>, changes: readonly VoterChange[], rules: BallotRules): AppliedChange[] {
	return changes.map((c) => {
		let current = ballots.get(c.voterId);
		if (!current) ballots.set(c.voterId, (current = new Map()));
		const check = checkBallot({ ...rules, current, itemId: c.itemId, dots: c.dots, ownItems: c.ownItems });
		if (!check.ok) return check;
		if (c.dots === 0) current.delete(c.itemId);
		else current.set(c.itemId, c.dots);
		return { ok: true, spent: [...current.values()].reduce((sum, d) => sum + d, 0) };
	});
}

export type AppliedChange = { ok: true; spent: number } | Extract<BallotCheck, { ok: false }>;
