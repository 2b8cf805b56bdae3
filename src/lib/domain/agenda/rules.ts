import type { Role } from '../permissions/roles.ts';
import type { Category } from '../workshop/categories.ts';
import type { PhaseSettings, PhaseType } from './phase.ts';
import type { TimerStatus } from './timer.ts';

/** Phases in which participants write notes. Other phases show the board but take none. */
export const NOTE_PHASES: readonly PhaseType[] = ['ideation', 'free'];

export interface NoteGateInput {
	role: Role;
	category: Category | 'facilitator';
	locked: boolean;
	status: TimerStatus;
	/** The phase that is on (null before the start). */
	phase: { type: PhaseType; settings: PhaseSettings } | null;
	/** The current silent phase's notes were already revealed. */
	revealed: boolean;
}

export type NoteGate =
	| { ok: true; hidden: boolean; anonymous: boolean }
	| { ok: false; code: 'locked' | 'phase_closed' | 'forbidden'; message: string };

/**
 * May this actor add a note now, and how is it written? Facilitators are never held back
 * (they run the room); participants and editors write while the board is open, before the
 * start (a free board) or in a note-taking phase that includes their category. In a silent
 * phase their note stays hidden until reveal; in an anonymous one it carries no author.
 */
export function noteGate(input: NoteGateInput): NoteGate {
	if (input.role === 'facilitator') return { ok: true, hidden: false, anonymous: false };
	if (input.locked) return { ok: false, code: 'locked', message: 'the board is locked' };
	if (input.status === 'ended') return { ok: false, code: 'phase_closed', message: 'the workshop has ended' };
	if (input.phase === null) return { ok: true, hidden: false, anonymous: false };
	if (!NOTE_PHASES.includes(input.phase.type)) return { ok: false, code: 'phase_closed', message: `no notes during a ${input.phase.type} phase` };
	const takingPart = input.phase.settings.categories;
	if (takingPart && input.category !== 'facilitator' && !takingPart.includes(input.category))
		return { ok: false, code: 'forbidden', message: 'this phase is for other categories' };
	return { ok: true, hidden: !!input.phase.settings.silent && !input.revealed, anonymous: !!input.phase.settings.anonymous };
}

/** Board activities a participant takes part in through live commands, besides writing notes. */
export type Activity = 'persona' | 'positioning' | 'clustering';

/** The phase types in which each activity is open to participants (plus a free board). */
export const ACTIVITY_PHASES: Record<Activity, readonly PhaseType[]> = {
	persona: ['persona', 'free'],
	positioning: ['positioning', 'free'],
	clustering: ['clustering', 'free']
};

export type ActivityGate = { ok: true } | { ok: false; code: 'locked' | 'phase_closed' | 'forbidden'; message: string };

/**
 * May this actor take part in an activity now (fill a persona field, place a marker, put
 * their own note in a cluster)? Same room rules as notes: facilitators always; others while
 * the board is open, before the start or in a phase of that activity that includes them.
 */
export function activityGate(activity: Activity, input: Omit<NoteGateInput, 'revealed'>): ActivityGate {
	if (input.role === 'facilitator') return { ok: true };
	if (input.locked) return { ok: false, code: 'locked', message: 'the board is locked' };
	if (input.status === 'ended') return { ok: false, code: 'phase_closed', message: 'the workshop has ended' };
	if (input.phase === null) return { ok: true };
	if (!ACTIVITY_PHASES[activity].includes(input.phase.type))
		return { ok: false, code: 'phase_closed', message: `no ${activity} during a ${input.phase.type} phase` };
	const takingPart = input.phase.settings.categories;
	if (takingPart && input.category !== 'facilitator' && !takingPart.includes(input.category))
		return { ok: false, code: 'forbidden', message: 'this phase is for other categories' };
	return { ok: true };
}
