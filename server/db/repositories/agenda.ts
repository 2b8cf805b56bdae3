import type { Queryable } from '../db.ts';
import type { Phase, PhaseSettings, PhaseType } from '../../../src/lib/domain/agenda/phase.ts';
import { INITIAL_TIMER, type TimerState, type TimerStatus } from '../../../src/lib/domain/agenda/timer.ts';

/** A phase as stored: the plan, and when it actually started and ended (null until then). */
export interface AgendaPhase extends Phase {
	startedAt: Date | null;
	endedAt: Date | null;
}

interface PhaseRow {
	id: string;
	type: PhaseType;
	title: string;
	minutes: number;
	instructions: string;
	facilitator_note: string;
	settings: PhaseSettings;
	started_at: Date | string | null;
	ended_at: Date | string | null;
}
const date = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

export async function readAgenda(db: Queryable, workshopId: string): Promise<AgendaPhase[]> {
	const rows = await db.query<PhaseRow>(
		`SELECT id, type, title, minutes, instructions, facilitator_note, settings, started_at, ended_at
		 FROM phase WHERE workshop_id = $1 ORDER BY position`,
		[workshopId]
	);
	return rows.map((r) => ({
		id: r.id,
		type: r.type,
		title: r.title,
		minutes: r.minutes,
		instructions: r.instructions,
		// Optional, as in a template: a phase without a note has none, not an empty one.
		...(r.facilitator_note ? { facilitatorNote: r.facilitator_note } : {}),
		settings: r.settings,
		startedAt: date(r.started_at),
		endedAt: date(r.ended_at)
	}));
}

/**
 * Writes the agenda as given, in order: phases kept by id keep their actual times, others are
 * added, missing ones removed. A phase given without a facilitator's note keeps the stored one
 * (the room's live state never carries it, so an edit made from that state must not wipe it).
 * Run it in a transaction with whatever else changes with it.
 */
export async function saveAgenda(tx: Queryable, workshopId: string, phases: readonly Phase[]): Promise<void> {
	const ids = phases.map((p) => p.id);
	await tx.query(`DELETE FROM phase WHERE workshop_id = $1 AND NOT (id = ANY($2::text[]))`, [workshopId, ids]);
	for (const [position, p] of phases.entries()) {
		await tx.query(
			`INSERT INTO phase (workshop_id, id, position, type, title, minutes, instructions, settings, facilitator_note)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, COALESCE($9::text, ''))
			 ON CONFLICT (workshop_id, id) DO UPDATE SET position = EXCLUDED.position, type = EXCLUDED.type,
			   title = EXCLUDED.title, minutes = EXCLUDED.minutes, instructions = EXCLUDED.instructions,
			   settings = EXCLUDED.settings, facilitator_note = COALESCE($9::text, phase.facilitator_note)`,
			[workshopId, p.id, position, p.type, p.title, p.minutes, p.instructions, JSON.stringify(p.settings), p.facilitatorNote ?? null]
		);
	}
}

/** The clock and controls of a workshop (the initial state when none was saved yet). */
export interface Clock {
	timer: TimerState;
	locked: boolean;
	/** The current silent phase's notes were revealed. */
	revealed: boolean;
}

interface ClockRow {
	phase_id: string | null;
	status: TimerStatus;
	ends_at: Date | string | null;
	remaining_ms: number | null;
	started_at: Date | string | null;
	locked: boolean;
	revealed: boolean;
}

/** `forUpdate` (inside a transaction, after `ensureClock`): other writers wait until it ends. */
export async function readClock(db: Queryable, workshopId: string, forUpdate = false): Promise<Clock> {
	const rows = await db.query<ClockRow>(
		'SELECT phase_id, status, ends_at, remaining_ms, started_at, locked, revealed FROM workshop_clock WHERE workshop_id = $1' +
			(forUpdate ? ' FOR UPDATE' : ''),
		[workshopId]
	);
	const r = rows[0];
	if (!r) return { timer: INITIAL_TIMER, locked: false, revealed: false };
	return {
		timer: {
			phase: r.phase_id,
			status: r.status,
			endsAt: r.ends_at === null ? null : new Date(r.ends_at).getTime(),
			remainingMs: r.remaining_ms,
			startedAt: r.started_at === null ? null : new Date(r.started_at).getTime()
		},
		locked: r.locked,
		revealed: r.revealed
	};
}

/** Makes sure the clock row exists, so that `readClock(…, true)` has a row to lock. */
export async function ensureClock(tx: Queryable, workshopId: string): Promise<void> {
	await tx.query('INSERT INTO workshop_clock (workshop_id) VALUES ($1) ON CONFLICT DO NOTHING', [workshopId]);
}

const at = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

export async function saveClock(tx: Queryable, workshopId: string, clock: Clock): Promise<void> {
	const t = clock.timer;
	await tx.query(
		`INSERT INTO workshop_clock (workshop_id, phase_id, status, ends_at, remaining_ms, started_at, locked, revealed, updated_at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
		 ON CONFLICT (workshop_id) DO UPDATE SET phase_id = EXCLUDED.phase_id, status = EXCLUDED.status,
		   ends_at = EXCLUDED.ends_at, remaining_ms = EXCLUDED.remaining_ms, started_at = EXCLUDED.started_at,
		   locked = EXCLUDED.locked, revealed = EXCLUDED.revealed, updated_at = now()`,
		[
			workshopId,
			t.phase,
			t.status,
			at(t.endsAt),
			t.remainingMs === null ? null : Math.round(t.remainingMs),
			at(t.startedAt),
			clock.locked,
			clock.revealed
		]
	);
}

/** Stamps the actual start of a phase and the end of the one before it. */
export async function markPhaseTimes(
	tx: Queryable,
	workshopId: string,
	change: { ended: string | null; started: string | null; now: Date }
): Promise<void> {
	if (change.ended && change.ended !== change.started)
		await tx.query('UPDATE phase SET ended_at = $3 WHERE workshop_id = $1 AND id = $2', [workshopId, change.ended, change.now]);
	if (change.started)
		await tx.query('UPDATE phase SET started_at = COALESCE(started_at, $3), ended_at = NULL WHERE workshop_id = $1 AND id = $2', [
			workshopId,
			change.started,
			change.now
		]);
}

export interface WorkshopEvent {
	at: Date;
	actorId: string;
	action: string;
	phaseId: string | null;
	detail: Record<string, unknown>;
}

export async function logEvent(tx: Queryable, workshopId: string, event: Omit<WorkshopEvent, 'at'>): Promise<void> {
	await tx.query(
		`INSERT INTO workshop_event (workshop_id, actor_id, action, phase_id, detail) VALUES ($1, $2, $3, $4, $5::text::jsonb)`,
		[workshopId, event.actorId, event.action, event.phaseId, JSON.stringify(event.detail)]
	);
}

export async function readEvents(db: Queryable, workshopId: string): Promise<WorkshopEvent[]> {
	const rows = await db.query<{ at: Date | string; actor_id: string; action: string; phase_id: string | null; detail: Record<string, unknown> }>(
		'SELECT at, actor_id, action, phase_id, detail FROM workshop_event WHERE workshop_id = $1 ORDER BY seq',
		[workshopId]
	);
	return rows.map((r) => ({ at: new Date(r.at), actorId: r.actor_id, action: r.action, phaseId: r.phase_id, detail: r.detail }));
}

/** What decides whether a note may be added now: the controls and the phase that is on. */
export interface RoomRules {
	locked: boolean;
	status: TimerStatus;
	revealed: boolean;
	phase: { id: string; type: PhaseType; settings: PhaseSettings } | null;
}

/**
 * One query on the hot path of every participant's note. `share` holds the clock row until the
 * transaction ends, so a facilitator's control (which locks it for update) waits: no vote is
 * stored after the phase closed or its results were revealed.
 */
/** The statement reading a room's rules, with the workshop as a placeholder or a literal (turn-reads.ts). */
export const roomRulesSql = (workshopId: string, share = false) =>
	`SELECT c.locked, c.status, c.revealed, p.id AS phase_id, p.type, p.settings
	 FROM workshop_clock c LEFT JOIN phase p ON p.workshop_id = c.workshop_id AND p.id = c.phase_id
	 WHERE c.workshop_id = ${workshopId}${share ? ' FOR SHARE OF c' : ''}`;

type RoomRulesRow = { locked: boolean; status: TimerStatus; revealed: boolean; phase_id: string | null; type: PhaseType | null; settings: PhaseSettings | null };

/** The rules from `roomRulesSql`'s rows. */
export function roomRulesOf(rows: readonly Record<string, unknown>[]): RoomRules {
	const r = rows[0] as RoomRulesRow | undefined;
	if (!r) return { locked: false, status: 'idle', revealed: false, phase: null };
	return {
		locked: r.locked,
		status: r.status,
		revealed: r.revealed,
		phase: r.phase_id && r.type ? { id: r.phase_id, type: r.type, settings: r.settings ?? {} } : null
	};
}

export async function readRoomRules(db: Queryable, workshopId: string, options: { share?: boolean } = {}): Promise<RoomRules> {
	return roomRulesOf(await db.query(roomRulesSql('$1', options.share), [workshopId]));
}
