import type { PhaseSettings, SettingKey } from './settings.ts';

/**
 * What a participant (or an editor) does on the board through live commands, phase by phase.
 * Facilitators run the room and are never held back by a phase (except where an action needs
 * a category they do not have).
 */
export const ROOM_ACTIONS = ['note.add', 'note.edit', 'note.move', 'note.delete', 'note.cluster', 'persona.write', 'marker.place', 'vote.set', 'priority.place', 'poll.answer'] as const;
export type RoomAction = (typeof ROOM_ACTIONS)[number];

/** Actions that need the actor's category (a facilitator has none: markers and dots are a collège's). */
export const CATEGORY_ACTIONS: readonly RoomAction[] = ['marker.place', 'vote.set', 'priority.place', 'poll.answer'];

/**
 * Actions a phase's settings can hand to the facilitator alone (a priorities phase with
 * `placedBy: 'facilitator'`): then the facilitator may act while the phase runs, and
 * participants may not.
 */
export function facilitatorOnly(action: RoomAction, settings: PhaseSettings): boolean {
	return action === 'priority.place' && settings.placedBy === 'facilitator';
}

/**
 * The panels a phone can show, each tied to the action it sends. A phone shows a kind's panels
 * in the kind's order, each only when its action is open to this person now.
 */
export const PHONE_PANELS = {
	write: 'note.add',
	position: 'marker.place',
	persona: 'persona.write',
	cluster: 'note.cluster',
	vote: 'vote.set',
	priorities: 'priority.place',
	poll: 'poll.answer'
} as const satisfies Record<string, RoomAction>;
export type PhonePanel = keyof typeof PHONE_PANELS;

/** Server work done when a phase of a kind starts or is left (the server maps each to its code). */
export type PhaseEffect = 'reveal-notes' | 'prepare-scale' | 'reveal-votes' | 'reveal-poll' | 'gather-plenary';

/**
 * A phase kind: everything a type of phase means, in one place. Server commands, the phone,
 * the facilitator board, the projector and template validation all read it; none of them
 * keeps its own list of which phase allows what.
 */
export interface PhaseKind<T extends string = string> {
	type: T;
	/** The settings a phase of this kind may carry (anything else is refused). */
	settings: readonly SettingKey[];
	/** What participants and editors may do while it runs. */
	opens: readonly RoomAction[];
	/** What the phone offers while it runs, in this order; `rest` shows a "take a break" card instead. */
	phone: readonly PhonePanel[] | 'rest';
	/** The positioning spread by collège on the facilitator board and the projector. */
	showsSpread: boolean;
	/** The decisions and commitments on the phone and the projector (the facilitator writes them). */
	showsDecisions: boolean;
	/** Run by the server when a phase of this kind starts, and when it is left. */
	onStart: readonly PhaseEffect[];
	onLeave: readonly PhaseEffect[];
}

/** Declares a kind, filling what most kinds leave out: nothing open, nothing shown, nothing run. */
export function defineKind<const T extends string>(kind: Pick<PhaseKind<T>, 'type'> & Partial<PhaseKind<T>>): PhaseKind<T> {
	return { settings: [], opens: [], phone: [], showsSpread: false, showsDecisions: false, onStart: [], onLeave: [], ...kind };
}
