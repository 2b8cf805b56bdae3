/** Limits of a quick poll (settings `question`, `choices`). */
export const POLL_QUESTION_MAX = 200;
export const POLL_CHOICE_MAX = 120;
export const POLL_CHOICES_MIN = 2;
export const POLL_CHOICES_MAX = 10;

export type AnswerCheck = { ok: true; choices: number[] } | { ok: false; message: string };

/**
 * Whether an answer fits the poll: indexes of existing choices, each once; exactly one unless
 * the poll takes several. The same check runs on the phone (the button) and the server (the
 * command); the answer comes back sorted, so two tabs sending the same choices store the same.
 */
export function checkAnswer(picked: readonly number[], poll: { choices: number; multiple: boolean }): AnswerCheck {
	if (picked.length === 0) return { ok: false, message: 'choose at least one answer' };
	if (picked.some((i) => !Number.isInteger(i) || i < 0 || i >= poll.choices)) return { ok: false, message: `no such choice (the poll has ${poll.choices})` };
	if (new Set(picked).size !== picked.length) return { ok: false, message: 'a choice is given twice' };
	if (!poll.multiple && picked.length > 1) return { ok: false, message: 'this poll takes one answer only' };
	return { ok: true, choices: [...picked].sort((a, b) => a - b) };
}
