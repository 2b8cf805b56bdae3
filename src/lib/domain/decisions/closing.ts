import type { Day, Decision } from './decision.ts';

/**
 * Closing a workshop sends its confirmed decisions to the owners. Each must say who is
 * responsible and by when the owner answers: without them, nobody knows who should act nor
 * when participants may expect an answer (and no reminder could ever be due).
 */
export type MissingField = 'responsible' | 'answerBy';

export interface ClosingProblem {
	decisionId: string;
	title: string;
	missing: MissingField[];
}

/** The confirmed decisions that stop the closing, each with what it lacks; empty when it may close. */
export function closingProblems(decisions: readonly Decision[]): ClosingProblem[] {
	return decisions
		.filter((d) => d.status === 'confirmed')
		.map((d) => ({
			decisionId: d.id,
			title: d.title,
			missing: [...(d.responsible.trim() === '' ? (['responsible'] as const) : []), ...(d.answerBy === null ? (['answerBy'] as const) : [])]
		}))
		.filter((p) => p.missing.length > 0);
}

/** The workshop statuses: `open` while it runs, `ended` after its last phase, `closed` once sent to the owners. */
export type WorkshopStatus = 'open' | 'ended' | 'closed';

/** After the workshop its join link opens the public restitution page. */
export function showsRestitution(status: string): boolean {
	return status === 'ended' || status === 'closed';
}

/**
 * The confirmed decisions whose answer date has passed (`answerBy` before `today`) with no
 * answer from the owners yet: flagged to the facilitators, reminded to the owners.
 */
export function overdueDecisions(decisions: readonly Decision[], answered: ReadonlySet<string>, today: Day): Decision[] {
	return decisions.filter((d) => d.status === 'confirmed' && d.answerBy !== null && d.answerBy < today && !answered.has(d.id));
}

/** The calendar day of `now` in `timeZone` (French services count days in Paris time). */
export function dayIn(now: Date, timeZone = 'Europe/Paris'): Day {
	return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether an owner is reminded now: some decision has been overdue for `delayMs` (counted from
 * the end of its answer day, in UTC), and the last e-mail they got (the closing one or the last
 * reminder) is at least `delayMs` old — one reminder per delay, never a stream.
 */
export function reminderDue(input: { overdue: readonly Decision[]; lastContact: Date | null; now: Date; delayMs: number }): boolean {
	const { overdue, lastContact, now, delayMs } = input;
	const late = overdue.some((d) => d.answerBy !== null && Date.parse(`${d.answerBy}T00:00:00Z`) + DAY_MS + delayMs <= now.getTime());
	return late && (lastContact === null || lastContact.getTime() + delayMs <= now.getTime());
}
