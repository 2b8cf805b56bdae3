import type { Category } from '../workshop/categories.ts';

/**
 * Every setting a phase can carry. Which of them a phase may carry depends on its kind (each
 * kind module lists its own); agendas and templates are validated against that list.
 */
export interface PhaseSettings {
	/** Ideation: others' notes stay hidden from participants until the facilitator reveals them. */
	silent?: boolean;
	/** Authors are hidden from other participants (their category stays visible). */
	anonymous?: boolean;
	/** Who takes part; absent means every category of the workshop. */
	categories?: Category[];
	/** Headings participants write under (e.g. the crash-test's substance / form / legal / financial sides). */
	prompts?: string[];
	/** Dot vote: dots per participant and the most one participant may put on one item. */
	dots?: number;
	maxDotsPerItem?: number;
	/** Dot vote: on clusters or on notes (absent: clusters when the board has any, else notes). */
	voteOn?: 'clusters' | 'notes';
	/** Dot vote on notes: whether one may put dots on one's own notes (absent: yes). */
	ownItems?: boolean;
	/** Positioning: the two poles of the scale. */
	leftPole?: string;
	rightPole?: string;
	/** Priorities: how many of the last revealed vote's items go onto the matrix (absent: 5). */
	top?: number;
	/** Priorities: who places the items, each participant from their phone (absent) or the facilitator alone. */
	placedBy?: 'participants' | 'facilitator';
	/** Quick poll: the question, its 2–10 choices, one answer or several, and counts shown live (else at reveal). */
	question?: string;
	choices?: string[];
	multiple?: boolean;
	liveResults?: boolean;
	/**
	 * Tables: the phase is the plenary after work by tables. When it starts the server gathers every
	 * table's contribution (its reporter's picks) into the phase's shared area, each with its table.
	 */
	plenary?: boolean;
}

export type SettingKey = keyof PhaseSettings;
