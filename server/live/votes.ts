import { CommandError } from '../../src/lib/protocol/errors.ts';
import type { VoteState } from '../../src/lib/protocol/live.ts';
import { isCategory } from '../../src/lib/domain/workshop/categories.ts';
import { voteItems, voteRules, type VoteItem, type VoteRules } from '../../src/lib/domain/vote/items.ts';
import { checkBallot } from '../../src/lib/domain/vote/ballot.ts';
import { voteResults } from '../../src/lib/domain/vote/results.ts';
import { readClusters } from '../../src/lib/domain/board/clusters.ts';
import type { PhaseSettings } from '../../src/lib/domain/phases/settings.ts';
import type { Queryable } from '../db/db.ts';
import { findCommand } from '../db/repositories/live-commands.ts';
import {
	countVoters,
	isRevealed,
	lockBallot,
	readBallot,
	readPaperDots,
	readVotes,
	revealVotes,
	revealedPhases,
	setPaperDots,
	setVote
} from '../db/repositories/votes.ts';
import type { Rooms } from '../sync/rooms.ts';
import { mustManage, recorded } from './command.ts';
import { phaseShown, revealControl, revealOnLeave } from './secret-phase.ts';
import { requirePhase, requireStillOpen } from './room-gate.ts';

/**
 * Dot votes (issue 10). Votes are rows in PostgreSQL, never in the board's document (every sync
 * client receives the whole document). Until the reveal a client learns only how many people
 * voted, overall and by collège, and its own dots; the facilitator too.
 */

/** How each refusal of a ballot reaches the client. */
const BALLOT_ERRORS = { not_found: 'not_found', over_budget: 'over_budget', over_cap: 'over_cap', own_item: 'forbidden', invalid_input: 'invalid_input' } as const;

/** What can be voted on in a phase, and its rules, as the board stands now. */
async function itemsNow(rooms: Rooms, workshopId: string, settings: PhaseSettings): Promise<{ rules: VoteRules; items: VoteItem[] }> {
	return rooms.with(workshopId, (room) => {
		const rules = voteRules(settings, readClusters(room.doc).length > 0);
		return { rules, items: voteItems(room.doc, rules.on) };
	});
}

/**
 * A participant (or an editor) sets their dots on one item. Checked by the server: the vote
 * phase is on and open to their collège, the item exists and is votable, the budget and the
 * cap hold, and the own-item rule. The budget is checked against what is stored, in the same
 * transaction that changes it, with the voter's ballot locked.
 */
export const voteSet = recorded('vote.set', async ({ input, actor, workshopId, deps, transact }) => {
	const phase = await requirePhase(deps.db, actor, workshopId, 'vote.set', 'vote');
	if (!isCategory(actor.category)) throw new CommandError('phase_closed', 'no vote is open');
	const category = actor.category;
	const { rules, items } = await itemsNow(deps.rooms, workshopId, phase.settings);
	const value = await transact(async (tx) => {
		// The phase may have closed or been revealed since: checked again inside the transaction.
		await requireStillOpen(tx, actor, workshopId, 'vote.set', phase.id, 'the vote is closed');
		if (await isRevealed(tx, workshopId, phase.id)) throw new CommandError('phase_closed', 'the votes are already revealed');
		await lockBallot(tx, workshopId, phase.id, actor.id);
		const current = await readBallot(tx, workshopId, phase.id, actor.id);
		const own = new Set(items.filter((i) => i.authorId === actor.id).map((i) => i.id));
		if (!rules.ownItems && rules.on === 'notes') for (const id of await anonymousOwnNotes(tx, workshopId, actor.id, items)) own.add(id);
		const check = checkBallot({
			current,
			itemId: input.itemId,
			dots: input.dots,
			budget: rules.dots,
			maxPerItem: rules.maxPerItem,
			votable: new Set(items.map((i) => i.id)),
			ownItems: own,
			allowOwn: rules.ownItems
		});
		if (!check.ok) throw new CommandError(BALLOT_ERRORS[check.code], check.message);
		await setVote(tx, workshopId, phase.id, { voterId: actor.id, category, itemId: input.itemId, dots: input.dots });
		const spent = [...current].reduce((sum, [id, d]) => sum + (id === input.itemId ? 0 : d), 0) + input.dots;
		return { itemId: input.itemId, dots: input.dots, left: rules.dots - spent };
	});
	deps.notify.votes(workshopId);
	deps.notify.myVotes(workshopId, actor.id);
	return value;
});

/** An anonymous note names no author: its author is the one whose note.add made it (the note's id). */
async function anonymousOwnNotes(db: Queryable, workshopId: string, actorId: string, items: VoteItem[]): Promise<string[]> {
	const unsigned = items.filter((i) => i.authorId === '');
	const mine = await Promise.all(unsigned.map(async (i) => ((await findCommand(db, workshopId, i.id))?.actorId === actorId ? i.id : null)));
	return mine.filter((id): id is string => id !== null);
}

/** The vote phase the screens show: the one on, or else the last one revealed, or none. */
const votePhaseShown = (db: Queryable, workshopId: string) => phaseShown(db, workshopId, 'vote', revealedPhases);

/** The facilitator types the dots counted on the wall (kept apart from phone votes, counted in every result). */
export const votePaper = recorded('vote.paper', async ({ input, actor, workshopId, deps, transact }) => {
	mustManage(actor);
	const phase = await votePhaseShown(deps.db, workshopId);
	if (!phase) throw new CommandError('phase_closed', 'no vote to count paper dots for');
	const { items } = await itemsNow(deps.rooms, workshopId, phase.settings);
	if (!items.some((i) => i.id === input.itemId)) throw new CommandError('not_found', 'no such item to vote on');
	const value = await transact(async (tx) => {
		await setPaperDots(tx, workshopId, phase.id, { itemId: input.itemId, category: input.category, dots: input.dots });
		return { itemId: input.itemId, category: input.category, dots: input.dots };
	});
	deps.notify.votes(workshopId);
	return value;
});

/** The facilitator reveals the results of the vote phase on. */
export const voteReveal = revealControl('vote.reveal', 'vote', revealVotes, (deps, workshopId) => deps.notify.votes(workshopId));

/** Effect of leaving a vote phase: its results are revealed (nothing stays secret by accident). */
export const revealLeftVote = revealOnLeave('vote', revealVotes, (deps, workshopId) => deps.notify.votes(workshopId));

/** What every screen is told of the vote now (see VoteState: counts only until the reveal). */
export async function readVoteState(db: Queryable, rooms: Rooms, workshopId: string): Promise<VoteState | null> {
	const phase = await votePhaseShown(db, workshopId);
	if (!phase) return null;
	const [byCategory, revealed] = await Promise.all([countVoters(db, workshopId, phase.id), isRevealed(db, workshopId, phase.id)]);
	const voters = Object.values(byCategory).reduce((a, b) => a + (b ?? 0), 0);
	const base = { phaseId: phase.id, revealed, voters, votersByCategory: byCategory, results: null, labels: null };
	if (!revealed) return base;
	const [votes, paper, { items }] = await Promise.all([readVotes(db, workshopId, phase.id), readPaperDots(db, workshopId, phase.id), itemsNow(rooms, workshopId, phase.settings)]);
	// Items voted on and since removed from the board still count, under an empty label.
	const ids = [...new Set([...items.map((i) => i.id), ...votes.map((v) => v.itemId), ...paper.map((p) => p.itemId)])];
	const labels = Object.fromEntries(ids.map((id) => [id, items.find((i) => i.id === id)?.label ?? '']));
	return { ...base, results: voteResults({ itemIds: ids, phoneVotes: votes, paperDots: paper }), labels };
}

/** One's own dots in the vote phase shown (for a reload or a second tab). */
export async function readMyVotes(db: Queryable, workshopId: string, actorId: string): Promise<{ phaseId: string; dots: Record<string, number> } | null> {
	const phase = await votePhaseShown(db, workshopId);
	if (!phase) return null;
	return { phaseId: phase.id, dots: Object.fromEntries(await readBallot(db, workshopId, phase.id, actorId)) };
}
