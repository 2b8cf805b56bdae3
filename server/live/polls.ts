import { CommandError } from '../../src/lib/protocol/errors.ts';
import type { MyPoll, PollState } from '../../src/lib/protocol/live.ts';
import { isCategory } from '../../src/lib/domain/workshop/categories.ts';
import { checkAnswer } from '../../src/lib/domain/poll/answer.ts';
import { pollResults } from '../../src/lib/domain/poll/results.ts';
import type { PhaseSettings } from '../../src/lib/domain/phases/settings.ts';
import type { Queryable } from '../db/db.ts';
import { countAnswered, isPollRevealed, lockAnswer, readAnswer, readAnswers, revealPoll, revealedPolls, setAnswer } from '../db/repositories/polls.ts';
import { recorded } from './command.ts';
import { requirePhase, requireStillOpen } from './room-gate.ts';
import { phaseShown, revealControl, revealOnLeave } from './secret-phase.ts';

/**
 * Quick polls (issue 10). Answers are rows in PostgreSQL, never in the board's document. Until
 * the reveal a client learns how many answered, overall and by collège, and its own answer —
 * and, when the phase shows live results, the counts per choice (never who chose what).
 */

const pollOf = (settings: PhaseSettings) => ({ choices: settings.choices?.length ?? 0, multiple: !!settings.multiple });

/**
 * A participant (or an editor) answers the poll on; the answer replaces their last one. Checked
 * by the server: the poll phase is on and open to their collège, not revealed yet, and the
 * answer names existing choices (one only unless the poll takes several).
 */
export const pollAnswer = recorded('poll.answer', async ({ input, actor, workshopId, deps, transact }) => {
	const phase = await requirePhase(deps.db, actor, workshopId, 'poll.answer', 'poll');
	if (!isCategory(actor.category)) throw new CommandError('phase_closed', 'no poll is open');
	const category = actor.category;
	const value = await transact(async (tx) => {
		// The phase may have closed, been revealed or edited since: checked again inside the transaction.
		const now = await requireStillOpen(tx, actor, workshopId, 'poll.answer', phase.id, 'the poll is closed');
		if (await isPollRevealed(tx, workshopId, phase.id)) throw new CommandError('phase_closed', 'the answers are already revealed');
		const check = checkAnswer(input.choices, pollOf(now.settings));
		if (!check.ok) throw new CommandError('invalid_input', `poll.answer: choices: ${check.message}`);
		await lockAnswer(tx, workshopId, phase.id, actor.id);
		await setAnswer(tx, workshopId, phase.id, { participantId: actor.id, category, choices: check.choices });
		return { choices: check.choices };
	});
	deps.notify.polls(workshopId);
	deps.notify.myPoll(workshopId, actor.id);
	return value;
});

/** The facilitator reveals the answers of the poll phase on. */
export const pollReveal = revealControl('poll.reveal', 'poll', revealPoll, (deps, workshopId) => deps.notify.polls(workshopId));

/** Effect of leaving a poll phase: its answers are revealed. */
export const revealLeftPoll = revealOnLeave('poll', revealPoll, (deps, workshopId) => deps.notify.polls(workshopId));

const pollPhaseShown = (db: Queryable, workshopId: string) => phaseShown(db, workshopId, 'poll', revealedPolls);

/** What every screen is told of the poll now (see PollState: counts only until the reveal, unless live). */
export async function readPollState(db: Queryable, workshopId: string): Promise<PollState | null> {
	const phase = await pollPhaseShown(db, workshopId);
	if (!phase) return null;
	const [byCategory, revealed] = await Promise.all([countAnswered(db, workshopId, phase.id), isPollRevealed(db, workshopId, phase.id)]);
	const s = phase.settings;
	const choices = s.choices ?? [];
	const state: PollState = {
		phaseId: phase.id,
		revealed,
		liveResults: !!s.liveResults,
		question: s.question ?? '',
		choices,
		multiple: !!s.multiple,
		answered: Object.values(byCategory).reduce((a, b) => a + (b ?? 0), 0),
		answeredByCategory: byCategory,
		results: null
	};
	if (!revealed && !s.liveResults) return state;
	return { ...state, results: pollResults(choices.length, await readAnswers(db, workshopId, phase.id)) };
}

/** One's own answer in the poll phase shown (for a reload or a second tab); `shown` as for readMyVotes. */
export async function readMyPoll(db: Queryable, workshopId: string, participantId: string, shown?: string | null): Promise<MyPoll | null> {
	const phaseId = shown === undefined ? (await pollPhaseShown(db, workshopId))?.id : shown;
	if (!phaseId) return null;
	return { phaseId, choices: await readAnswer(db, workshopId, phaseId, participantId) };
}
