import { CATEGORIES, type Category } from '../workshop/categories.ts';

/** One participant's answer as stored: the indexes of the choices they picked. */
export interface PollAnswer {
	participantId: string;
	category: Category;
	choices: readonly number[];
}

/** One collège on one choice. */
export interface CollegeOnChoice {
	category: Category;
	count: number;
	/** count ÷ the collège's respondents: how much of the collège picked this choice. */
	share: number;
}

export interface ChoiceResult {
	index: number;
	/** Respondents who picked it. */
	count: number;
	/** count ÷ all respondents (several answers: the shares add up past 1). */
	share: number;
	/** Mean of the collèges' shares: every collège weighs the same, whatever its size. */
	parityShare: number;
	/** One entry per collège that answered, in the order of CATEGORIES, zeros included. */
	colleges: CollegeOnChoice[];
}

export interface PollResults {
	respondents: number;
	/** Collèges with at least one respondent, in the order of CATEGORIES. */
	colleges: { category: Category; respondents: number }[];
	/** Every choice, in the poll's order. */
	choices: ChoiceResult[];
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

/**
 * Results of a quick poll by collège, from its stored answers. Pure and independent of the
 * order of answers; indexes outside the poll's `choiceCount` choices are left out (a choice
 * removed after answers came in), and one participant counts once per choice.
 */
export function pollResults(choiceCount: number, answers: readonly PollAnswer[]): PollResults {
	const respondents = new Map<Category, Set<string>>();
	const picked = new Map<string, Set<string>>(); // `${index}:${category}` → participants
	for (const a of answers) {
		const valid = a.choices.filter((i) => Number.isInteger(i) && i >= 0 && i < choiceCount);
		if (valid.length === 0) continue;
		if (!respondents.has(a.category)) respondents.set(a.category, new Set());
		respondents.get(a.category)!.add(a.participantId);
		for (const i of valid) {
			const key = `${i}:${a.category}`;
			if (!picked.has(key)) picked.set(key, new Set());
			picked.get(key)!.add(a.participantId);
		}
	}
	const colleges = CATEGORIES.filter((c) => respondents.has(c)).map((category) => ({ category, respondents: respondents.get(category)!.size }));
	const total = colleges.reduce((s, c) => s + c.respondents, 0);
	const choices = Array.from({ length: choiceCount }, (_, index): ChoiceResult => {
		const onChoice = colleges.map((c): CollegeOnChoice => {
			const count = picked.get(`${index}:${c.category}`)?.size ?? 0;
			return { category: c.category, count, share: ratio(count, c.respondents) };
		});
		const count = onChoice.reduce((s, c) => s + c.count, 0);
		return { index, count, share: ratio(count, total), parityShare: ratio(onChoice.reduce((s, c) => s + c.share, 0), onChoice.length), colleges: onChoice };
	});
	return { respondents: total, colleges, choices };
}
