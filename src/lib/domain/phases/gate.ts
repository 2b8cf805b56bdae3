import { can, type Role } from '../permissions/roles.ts';
import type { Category } from '../workshop/categories.ts';
import type { TimerStatus } from '../agenda/timer.ts';
import type { PhaseSettings } from './settings.ts';
import { CATEGORY_ACTIONS, facilitatorOnly, PHONE_PANELS, ROOM_ACTIONS, type PhaseKind, type PhonePanel, type RoomAction } from './kind.ts';
import { BEFORE_START, kindOf } from './registry.ts';

/** Everything that decides whether a room action is open to someone now. */
export interface RoomContext {
	role: Role;
	category: Category | 'facilitator' | 'observer';
	locked: boolean;
	status: TimerStatus;
	/** The phase the clock is on (null before the start). */
	phase: { type: string; settings: PhaseSettings } | null;
	/** The current silent phase's notes were already revealed. */
	revealed: boolean;
}

export type GateRefusal = { ok: false; code: 'locked' | 'phase_closed' | 'forbidden'; message: string };
/** Open, and for a note: whether it waits hidden until reveal, and whether it carries its author. */
export type Gate = { ok: true; hidden: boolean; anonymous: boolean } | GateRefusal;

const OPEN: Gate = { ok: true, hidden: false, anonymous: false };
const refuse = (code: GateRefusal['code'], message: string): GateRefusal => ({ ok: false, code, message });

/** The kind whose rules hold now: the phase's, or the free board's before the start. */
export function kindNow(phase: RoomContext['phase']): PhaseKind {
	return phase ? kindOf(phase.type) : BEFORE_START;
}

/**
 * The one rule of the room, asked by the server before every participant's command and by the
 * phone before showing a control. Facilitators run the room and are never held back (but have
 * no category to place a marker with); observers never act; participants and editors act while
 * the board is open, in a phase whose kind opens the action and that includes their category.
 */
export function roomGate(action: RoomAction, ctx: RoomContext): Gate {
	if (ctx.category === 'observer' || !can(ctx.role, 'note.add')) return refuse('forbidden', 'your role cannot change the board');
	const kind = kindNow(ctx.phase);
	const settings = ctx.phase?.settings ?? {};
	if (ctx.role === 'facilitator' || ctx.category === 'facilitator') {
		// Handed to the facilitator by the phase: open while it runs, even on a locked board.
		if (facilitatorOnly(action, settings))
			return ctx.status === 'ended' || !kind.opens.includes(action) ? refuse('phase_closed', `no ${action} now`) : OPEN;
		return CATEGORY_ACTIONS.includes(action) ? refuse('forbidden', 'facilitators have no category for this') : OPEN;
	}
	if (ctx.locked) return refuse('locked', 'the board is locked');
	if (ctx.status === 'ended') return refuse('phase_closed', 'the workshop has ended');
	if (!kind.opens.includes(action)) return refuse('phase_closed', `no ${action} during a ${kind.type} phase`);
	if (facilitatorOnly(action, settings)) return refuse('forbidden', 'the facilitator places the items in this phase');
	if (settings.categories && !settings.categories.includes(ctx.category)) return refuse('forbidden', 'this phase is for other categories');
	if (action !== 'note.add') return OPEN;
	return { ok: true, hidden: !!settings.silent && !ctx.revealed, anonymous: !!settings.anonymous };
}

/** The room actions open to this person now: what the phone offers. */
export function openActions(ctx: RoomContext): Set<RoomAction> {
	return new Set(ROOM_ACTIONS.filter((a) => roomGate(a, ctx).ok));
}

/**
 * What the phone shows now: the kind's panels whose action is open to this person, or why it
 * shows none (the room is resting, the workshop is over, the board is locked, or this phase
 * is for others to act in).
 */
export type PhoneView =
	| { panels: PhonePanel[]; open: Set<RoomAction> }
	| { panels: []; open: Set<RoomAction>; why: 'rest' | 'ended' | 'locked' | 'watch' };

export function phoneView(ctx: RoomContext): PhoneView {
	const open = openActions(ctx);
	if (ctx.status === 'ended') return { panels: [], open, why: 'ended' };
	const kind = kindNow(ctx.phase);
	if (kind.phone === 'rest') return { panels: [], open, why: 'rest' };
	const panels = kind.phone.filter((p) => open.has(PHONE_PANELS[p]));
	if (panels.length) return { panels, open };
	return { panels: [], open, why: ctx.locked && kind.phone.length ? 'locked' : 'watch' };
}

/** The phase on the board's screens: the running or paused one (not before the start, nor after the end). */
export function phaseOnScreen<P extends { id: string }>(status: TimerStatus, phase: P | null): P | null {
	return status === 'running' || status === 'paused' ? phase : null;
}

/**
 * The room as a screen knows it from the pushed workshop state: what the phone passes to
 * `phoneView`. Its role follows from its session's category (the phone page is for
 * participants; a facilitator opening it acts as one).
 */
export function viewerContext(
	me: { category: RoomContext['category'] },
	state: { locked: boolean; timer: { status: TimerStatus } } | null,
	phase: RoomContext['phase']
): RoomContext {
	return {
		role: me.category === 'facilitator' ? 'facilitator' : me.category === 'observer' ? 'observer' : 'participant',
		category: me.category,
		locked: state?.locked ?? false,
		status: state?.timer.status ?? 'idle',
		phase: state && state.timer.status !== 'idle' ? phase : null,
		// Only whether a note waits hidden depends on it, which no control does.
		revealed: false
	};
}
