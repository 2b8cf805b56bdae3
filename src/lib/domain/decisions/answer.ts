import { isDay, type Day } from './decision.ts';

/**
 * The owners' answers to the confirmed decisions (*retenue*, *adaptée*, *écartée*, *à
 * l'étude*), and their later news (*en cours*, *réalisée*). Every answer is kept: the current
 * one is the latest, the others its history. Pure: the owner's page and the server check alike.
 */
export const ANSWERS = ['accepted', 'adapted', 'declined', 'studying', 'in_progress', 'done'] as const;
export type AnswerKind = (typeof ANSWERS)[number];

/** The first answers; the later news only follow a decision that was taken up. */
export const FIRST_ANSWERS = ['accepted', 'adapted', 'declined', 'studying'] as const satisfies readonly AnswerKind[];
export const LATER_ANSWERS = ['in_progress', 'done'] as const satisfies readonly AnswerKind[];
const TAKEN_UP: readonly AnswerKind[] = ['accepted', 'adapted', 'in_progress', 'done'];

export const ANSWER_LIMITS = { reason: 2000, criteria: 1000 } as const;

export interface AnswerDraft {
	answer: AnswerKind;
	reason: string;
	criteria: string;
	plannedFor: Day | null;
}

/** An answer as recorded: who gave it and when. */
export interface Answer extends AnswerDraft {
	decisionId: string;
	ownerName: string;
	/** ISO timestamp. */
	at: string;
}

export type AnswerField = 'answer' | 'reason' | 'criteria' | 'plannedFor';
export type AnswerProblem =
	| 'answer.unknown'
	| 'answer.notTakenUp'
	| 'reason.required'
	| 'reason.tooLong'
	| 'criteria.tooLong'
	| 'plannedFor.invalid'
	| 'plannedFor.declined';

/** The answer as given, cleaned (texts trimmed, an empty date read as none). */
export interface RawAnswer {
	answer: string;
	reason: string;
	criteria: string;
	plannedFor: string;
}

const isAnswer = (v: string): v is AnswerKind => (ANSWERS as readonly string[]).includes(v);

/**
 * Checks an owner's answer to one decision, given the current answer (null for none yet).
 * *Adaptée* and *écartée* need a reason: explaining why a constraint wins is what keeps the
 * participants' trust. *En cours* and *réalisée* only follow a decision retained or adapted.
 */
export function checkAnswer(raw: RawAnswer, current: AnswerKind | null): { ok: true; answer: AnswerDraft } | { ok: false; problems: Partial<Record<AnswerField, AnswerProblem>> } {
	const problems: Partial<Record<AnswerField, AnswerProblem>> = {};
	const reason = raw.reason.trim();
	const criteria = raw.criteria.trim();
	const planned = raw.plannedFor.trim();
	const kind = raw.answer;
	if (!isAnswer(kind)) problems.answer = 'answer.unknown';
	else if ((LATER_ANSWERS as readonly string[]).includes(kind) && !(current && TAKEN_UP.includes(current))) problems.answer = 'answer.notTakenUp';
	if (reason.length > ANSWER_LIMITS.reason) problems.reason = 'reason.tooLong';
	else if ((kind === 'adapted' || kind === 'declined') && reason === '') problems.reason = 'reason.required';
	if (criteria.length > ANSWER_LIMITS.criteria) problems.criteria = 'criteria.tooLong';
	if (planned !== '' && !isDay(planned)) problems.plannedFor = 'plannedFor.invalid';
	else if (planned !== '' && kind === 'declined') problems.plannedFor = 'plannedFor.declined';
	if (Object.keys(problems).length > 0 || !isAnswer(kind)) return { ok: false, problems };
	return { ok: true, answer: { answer: kind, reason, criteria, plannedFor: planned === '' ? null : planned } };
}

/** The answers a form offers now: the first ones, and the later news once the decision was taken up. */
export function answerChoices(current: AnswerKind | null): AnswerKind[] {
	return current && TAKEN_UP.includes(current) ? [...FIRST_ANSWERS, ...LATER_ANSWERS] : [...FIRST_ANSWERS];
}
