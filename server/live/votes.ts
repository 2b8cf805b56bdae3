import { CommandError, type ErrorCode } from '../../src/lib/protocol/errors.ts';
import type { VoteState } from '../../src/lib/protocol/live.ts';
import { isCategory, type Category } from '../../src/lib/domain/workshop/categories.ts';
import { voteItems, voteItemsOf, voteRules, type VoteItem, type VoteRules } from '../../src/lib/domain/vote/items.ts';
import { applyBallotChanges } from '../../src/lib/domain/vote/ballot.ts';
import { voteResults } from '../../src/lib/domain/vote/results.ts';
import { readClusters } from '../../src/lib/domain/board/clusters.ts';
import { readNotes } from '../../src/lib/domain/board/notes.ts';
import type { Gate } from '../../src/lib/domain/phases/gate.ts';
import type { PhaseSettings } from '../../src/lib/domain/phases/settings.ts';
import type { Queryable } from '../db/db.ts';
import { readRoomRules } from '../db/repositories/agenda.ts';
import { findCommands } from '../db/repositories/live-commands.ts';
import {
	countVoters,
	isRevealed,
	lockVotePhase,
	readBallot,
	readBallots,
	readPaperDots,
	readVotes,
	revealVotes,
	revealedPhases,
	setPaperDots,
	writeVotes,
	type StoredVote
} from '../db/repositories/votes.ts';
import type { Rooms } from '../sync/rooms.ts';
import { mustManage, recorded } from './command.ts';
import { batched } from './batched.ts';
import { phaseShown, revealControl, revealOnLeave } from './secret-phase.ts';
import { actorGate } from './room-gate.ts';

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
		return { rules, items: voteItems(room.doc, rules) };
	});
}

/** The board as a batch of votes reads it (before its transaction): what could be voted on. */
interface BoardNow {
	hasClusters: boolean;
	items(rules: VoteRules): VoteItem[];
}

const refused = (code: ErrorCode, message: string) => ({ ok: false as const, error: { code, message } });

/**
 * A participant (or an editor) sets their dots on one item. Checked by the server: the vote
 * phase is on and open to their collège, the item exists and is votable, the budget and the
 * cap hold, and the own-item rule. Votes arriving together are checked one after the other
 * against the stored ballots and stored in one transaction (group commit, see batched.ts),
 * with the clock row held so that no vote lands after the phase closed or was revealed.
 */
export const voteSet = batched('vote.set', {
	async prepare(deps, workshopId): Promise<BoardNow> {
		return deps.rooms.with(workshopId, (room) => {
			const board = { clusters: readClusters(room.doc), notes: readNotes(room.doc) };
			return { hasClusters: board.clusters.length > 0, items: (rules) => voteItemsOf(board, rules) };
		});
	},

	async apply(tx, workshopId, entries, board) {
		const rules = await readRoomRules(tx, workshopId, { share: true });
		const phase = rules.phase?.type === 'vote' ? rules.phase : null;
		const none = { answers: [], tell: null };
		if (!phase) return { ...none, answers: entries.map(({ actor }) => gateRefusal(actorGate(actor, rules, 'vote.set')) ?? refused('phase_closed', 'no vote phase is on')) };
		await lockVotePhase(tx, workshopId, phase.id);
		if (await isRevealed(tx, workshopId, phase.id)) return { ...none, answers: entries.map(() => refused('phase_closed', 'the votes are already revealed')) };

		const vote = voteRules(phase.settings, board.hasClusters);
		const items = board.items(vote);
		const votable = new Set(items.map((i) => i.id));
		const ballots = await readBallots(tx, workshopId, phase.id, [...new Set(entries.map((e) => e.actor.id))]);
		const authors = vote.ownItems || vote.on !== 'notes' ? new Map<string, string>() : await anonymousAuthors(tx, workshopId, items);
		const written = new Map<string, Set<string>>();
		for (const item of items) {
			const author = item.authorId || authors.get(item.id);
			if (author) written.set(author, (written.get(author) ?? new Set()).add(item.id));
		}
		// The gate per person; the ballots then take the changes that pass it, one after the other.
		const gated = entries.map(({ actor }) => gateRefusal(actorGate(actor, rules, 'vote.set')) ?? (isCategory(actor.category) ? null : refused('phase_closed', 'no vote is open')));
		const open = entries.filter((_, i) => gated[i] === null);
		const checks = applyBallotChanges(
			ballots,
			open.map(({ actor, input }) => ({
				voterId: actor.id,
				itemId: input.itemId,
				dots: input.dots,
				ownItems: written.get(actor.id) ?? new Set()
			})),
			{ budget: vote.dots, maxPerItem: vote.maxPerItem, votable, allowOwn: vote.ownItems }
		);
		const changed = new Map<string, StoredVote>();
		let k = 0;
		const answers = entries.map(({ actor, input }, i) => {
			const closed = gated[i];
			if (closed) return closed;
			const check = checks[k++];
			if (!check.ok) return refused(BALLOT_ERRORS[check.code], check.message);
			changed.set(`${actor.id}\u0000${input.itemId}`, { voterId: actor.id, category: actor.category as Category, itemId: input.itemId, dots: input.dots });
			return { ok: true as const, value: { itemId: input.itemId, dots: input.dots, left: vote.dots - check.spent } };
		});
		await writeVotes(tx, workshopId, phase.id, [...changed.values()]);
		// The voters whose dots changed, with their whole ballot now: their other tabs are sent it as is.
		const voters = new Set([...changed.values()].map((v) => v.voterId));
		const mine = [...voters].map((voterId) => ({ voterId, ballot: { phaseId: phase.id, dots: Object.fromEntries(ballots.get(voterId) ?? []) } }));
		return { answers, tell: mine.length > 0 ? mine : null };
	},

	after(deps, workshopId, mine) {
		if (!mine) return;
		deps.notify.votes(workshopId);
		for (const { voterId, ballot } of mine) deps.notify.myVotes(workshopId, voterId, ballot);
	}
});

/** A gate's refusal as a command's answer, or null when it lets the actor through. */
function gateRefusal(gate: Gate) {
	return gate.ok ? null : refused(gate.code, gate.message);
}

/** An anonymous note names no author: its author is the one whose note.add made it (the note's id), found in one query. */
async function anonymousAuthors(db: Queryable, workshopId: string, items: VoteItem[]): Promise<Map<string, string>> {
	const unsigned = items.filter((i) => i.authorId === '').map((i) => i.id);
	const made = await findCommands(db, workshopId, unsigned);
	return new Map([...made].map(([noteId, c]) => [noteId, c.actorId]));
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

/**
 * One's own dots in the vote phase shown (for a reload or a second tab). `shown`: that phase's
 * id (null: none), when the caller has just read the vote's state, which names it.
 */
export async function readMyVotes(
	db: Queryable,
	workshopId: string,
	actorId: string,
	shown?: string | null
): Promise<{ phaseId: string; dots: Record<string, number> } | null> {
	const phaseId = shown === undefined ? (await votePhaseShown(db, workshopId))?.id : shown;
	if (!phaseId) return null;
	return { phaseId, dots: Object.fromEntries(await readBallot(db, workshopId, phaseId, actorId)) };
}
