import type { z } from 'zod';
import type { Db, Queryable } from '../db/db.ts';
import { DbError } from '../db/db.ts';
import type { Log } from '../log.ts';
import type { Actor } from '../auth/actor.ts';
import type { Rooms } from '../sync/rooms.ts';
import type { Room } from '../sync/room.ts';
import { CommandError, type ErrorBody } from '../../src/lib/protocol/errors.ts';
import type { CommandName, CommandResult, LiveCommands } from '../../src/lib/protocol/live.ts';
import { liveSchemas } from '../../src/lib/protocol/live-schemas.ts';
import { can } from '../../src/lib/domain/permissions/roles.ts';
import { recordCommand } from '../db/repositories/live-commands.ts';
import { readTurnShared } from '../db/turn-reads.ts';
import { ensureClock, logEvent, markPhaseTimes, readAgenda, readClock, saveClock, type AgendaPhase, type Clock, type RoomRules } from '../db/repositories/agenda.ts';
import type { Notifier } from './notifier.ts';
import { setWorkshopStatus } from '../db/repositories/workshops.ts';

export type Input<N extends CommandName> = z.infer<(typeof liveSchemas)[N]>;
export type Result<N extends CommandName> = LiveCommands[N]['result'];

export interface CommandDeps {
	db: Db;
	rooms: Rooms;
	log: Log;
	notify: Notifier;
	/**
	 * The room's rules, read with the command's id lookup once it had arrived (turn-reads.ts):
	 * `requireOpen` uses them instead of a read of its own.
	 */
	turnRules?: RoomRules;
}

export type Runner = (deps: CommandDeps, actor: Actor, workshopId: string, raw: unknown) => Promise<CommandResult<unknown>>;

/**
 * How long a command waits for its change to be stored. Past it (the database is away) the
 * change stays queued in the update log and is stored when the database returns, but the
 * client hears `unavailable`, never `ok`: an acknowledgement means stored. Its retry with the
 * same commandId finds the change already applied and is acknowledged once it is stored.
 */
export const STORE_WAIT_MS = 5_000;

/** Refuses anyone but a facilitator of the workshop (the clock, reveals, paper dots, versions). */
export function mustManage(actor: Pick<Actor, 'role'>): void {
	if (!can(actor.role, 'workshop.manage')) throw new CommandError('forbidden', 'only a facilitator of this workshop can do this');
}

/** The input checked against its schema, or a clear `invalid_input` naming the first bad field. */
export function parseInput<N extends CommandName>(name: N, raw: unknown): CommandResult<Input<N>> {
	const parsed = liveSchemas[name].safeParse(raw);
	if (parsed.success) return { ok: true, value: parsed.data as Input<N> };
	const issue = parsed.error.issues[0];
	const where = issue?.path.join('.') || 'input';
	return { ok: false, error: { code: 'invalid_input', message: `${name}: ${where}: ${issue?.message ?? 'invalid'}` } };
}

/** A thrown error as the client hears it: our own errors as they are, anything else without its stack. */
export function failure(
	e: unknown,
	deps: CommandDeps,
	name: CommandName,
	workshopId: string,
	actor: Actor,
	unavailable = 'not stored: the database is unavailable; retry with the same commandId'
): { ok: false; error: ErrorBody } {
	if (e instanceof CommandError) return { ok: false, error: e.toBody() };
	if (e instanceof DbError) {
		deps.log.warn({ command: name, workshopId, err: e.message }, 'command not run: database unavailable');
		return { ok: false, error: { code: 'unavailable', message: unavailable } };
	}
	deps.log.error({ command: name, workshopId, actor: actor.id, err: (e as Error).message }, 'command failed');
	return { ok: false, error: { code: 'internal', message: 'the server could not apply this command' } };
}

/**
 * One run at a time per (workshop, actor, commandId): a retry that races its original (a phone
 * resending on reconnection) shares the original's answer instead of running again.
 */
export function sharedRuns<R>(): (workshopId: string, actor: Pick<Actor, 'id'>, commandId: string, start: () => Promise<R>) => Promise<R> {
	const running = new Map<string, Promise<R>>();
	return (workshopId, actor, commandId, start) => {
		const key = `${workshopId}:${actor.id}:${commandId}`;
		const current = running.get(key);
		if (current) return current;
		const run = start().finally(() => running.delete(key));
		running.set(key, run);
		return run;
	};
}

/**
 * What every command shares: parse → run once per (actor, commandId) → answer. A retry of a
 * command already stored answers its first result; someone else's id is a conflict.
 * `execute` applies the command and records it (so it is applied once even after a crash).
 */
function once<N extends CommandName>(
	name: N,
	execute: (deps: CommandDeps, actor: Actor, workshopId: string, input: Input<N>) => Promise<Result<N>>
): Runner {
	const inflight = sharedRuns<CommandResult<Result<N>>>();

	async function attempt(deps: CommandDeps, actor: Actor, workshopId: string, input: Input<N>): Promise<CommandResult<Result<N>>> {
		try {
			const { previous, rules } = await readTurnShared(deps.db, workshopId, input.commandId);
			if (previous !== null && previous.actorId !== actor.id) throw new CommandError('conflict', 'this command id is already used');
			if (previous !== null) return { ok: true, value: previous.result as Result<N> };
			return { ok: true, value: await execute({ ...deps, turnRules: rules }, actor, workshopId, input) };
		} catch (e) {
			return failure(e, deps, name, workshopId, actor);
		}
	}

	return async (deps, actor, workshopId, raw) => {
		const parsed = parseInput(name, raw);
		if (!parsed.ok) return parsed;
		return inflight(workshopId, actor, parsed.value.commandId, () => attempt(deps, actor, workshopId, parsed.value));
	};
}

export interface CommandContext<N extends CommandName> {
	input: Input<N>;
	actor: Actor;
	workshopId: string;
	room: Room;
	deps: CommandDeps;
	now: Date;
}

/**
 * A command that changes the workshop's document. The handler authorizes (throws
 * CommandError) and applies the change to the room's document; the acknowledgement is sent
 * only once that change is in the database, so an acknowledged command survives a crash.
 */
export function command<N extends CommandName>(name: N, handler: (ctx: CommandContext<N>) => Result<N> | Promise<Result<N>>): Runner {
	return once(name, async (deps, actor, workshopId, input) => {
		return deps.rooms.with(workshopId, async (room) => {
			const value = await handler({ input, actor, workshopId, room, deps, now: new Date() });
			// The change and the command's record commit together (past the wait they stay queued, together).
			const stored = room.log.storedWith({ commandId: input.commandId, actorId: actor.id, result: value });
			if (!(await within(stored, STORE_WAIT_MS))) throw new DbError(`not stored within ${STORE_WAIT_MS} ms`);
			return value;
		});
	});
}

/**
 * A new object of the document takes its command's id, and a command id never takes an
 * existing object's id. An object already there under it is either this actor's own create
 * still waiting to be stored with its record (a retry after `unavailable`: true, answer again)
 * or someone else's object, whose id must never become this actor's command (an anonymous
 * note's author is its record's actor): conflict.
 */
export function ownRetry(room: Room, actor: Pick<Actor, 'id'>, commandId: string, exists: boolean): boolean {
	if (!exists) return false;
	if (room.log.pendingActor(commandId) === actor.id) return true;
	throw new CommandError('conflict', 'this command id is already used');
}

export interface RecordedContext<N extends CommandName> {
	input: Input<N>;
	actor: Actor;
	workshopId: string;
	deps: CommandDeps;
	now: Date;
	/**
	 * Runs `apply` in one transaction with the command's record: both are stored, or neither.
	 * Call it once, after anything that reads the board (loading a board inside a transaction
	 * would wait on the transaction itself with the embedded database's single connection).
	 */
	transact(apply: (tx: Queryable) => Promise<Result<N>>): Promise<Result<N>>;
}

/**
 * A command whose change is rows in PostgreSQL, not the board's document (a vote): applied
 * and recorded in one transaction, so an acknowledgement means stored and a retry with the
 * same commandId answers the first result without applying it again.
 */
export function recorded<N extends CommandName>(name: N, handler: (ctx: RecordedContext<N>) => Promise<Result<N>>): Runner {
	return once(name, async (deps, actor, workshopId, input) => {
		const transact = (apply: (tx: Queryable) => Promise<Result<N>>) =>
			deps.db.transaction(async (tx) => {
				const value = await apply(tx);
				await recordCommand(tx, { workshopId, commandId: input.commandId, actorId: actor.id, result: value });
				return value;
			});
		return handler({ input, actor, workshopId, deps, now: new Date(), transact });
	});
}

export interface QueryContext<N extends CommandName> {
	input: Input<N>;
	actor: Actor;
	workshopId: string;
	deps: CommandDeps;
	/** Runs `read` on the workshop's room (loaded if need be) and lets it go after. */
	withRoom<T>(read: (room: Room) => T | Promise<T>): Promise<T>;
}

/**
 * A command that only reads (a suggestion, a preview): parsed like the others, answered at
 * once. It changes nothing, so there is nothing to wait for or record: a retry asks again.
 * The handler authorizes before it asks for the room, so a refused caller loads no document.
 */
export function query<N extends CommandName>(name: N, handler: (ctx: QueryContext<N>) => Result<N> | Promise<Result<N>>): Runner {
	return async (deps, actor, workshopId, raw) => {
		const parsed = parseInput(name, raw);
		if (!parsed.ok) return parsed;
		const withRoom = <T>(read: (room: Room) => T | Promise<T>): Promise<T> => deps.rooms.with(workshopId, read);
		try {
			return { ok: true, value: await handler({ input: parsed.value, actor, workshopId, deps, withRoom }) };
		} catch (e) {
			return failure(e, deps, name, workshopId, actor, 'the database is unavailable; try again');
		}
	};
}

export interface ControlContext<N extends CommandName> {
	input: Input<N>;
	actor: Actor;
	workshopId: string;
	tx: Queryable;
	clock: Clock;
	agenda: AgendaPhase[];
	now: Date;
}

export interface ControlOutcome<R> {
	value: R;
	/** The new clock, when it changed. */
	clock?: Clock;
	/** The line this change adds to the workshop's log. */
	log: { action: string; detail?: Record<string, unknown> };
	/** The agenda was written: a phase's kind or settings may have changed. */
	agendaChanged?: boolean;
}

/** What a committed control changed, for its follow-up: the clock before and after, and the agenda. */
export interface ControlChange {
	before: Clock;
	after: Clock;
	agenda: AgendaPhase[];
	/** Who moved the clock (a follow-up acts within their rights: a series import reads only their sessions). */
	actorId: string;
}

/**
 * A facilitator's control of the room (clock, lock, agenda): the workshop's row is locked
 * for the transaction, so two facilitators clicking at once — on any instance — apply one
 * after the other; the change, its log line and the command's record commit together, then
 * every client is sent the new state.
 */
export function control<N extends CommandName>(
	name: N,
	handler: (ctx: ControlContext<N>) => ControlOutcome<Result<N>> | Promise<ControlOutcome<Result<N>>>,
	after?: (deps: CommandDeps, workshopId: string, change: ControlChange) => Promise<unknown>
): Runner {
	return once(name, async (deps, actor, workshopId, input) => {
		mustManage(actor);
		const now = new Date();
		const [value, change, agendaChanged] = await deps.db.transaction(async (tx) => {
			await ensureClock(tx, workshopId);
			const clock = await readClock(tx, workshopId, true);
			const agenda = await readAgenda(tx, workshopId);
			const outcome = await handler({ input, actor, workshopId, tx, clock, agenda, now });
			if (outcome.clock) {
				await saveClock(tx, workshopId, outcome.clock);
				const [was, is] = [clock.timer.phase, outcome.clock.timer.phase];
				const restarted = outcome.clock.timer.startedAt !== clock.timer.startedAt;
				if (was !== is || restarted || outcome.clock.timer.status === 'ended')
					await markPhaseTimes(tx, workshopId, {
						ended: outcome.clock.timer.status === 'ended' ? is : was,
						started: outcome.clock.timer.status === 'ended' ? null : is,
						now
					});
				// The workshop ends with its last phase (its join link then shows the restitution)
				// and opens again if the facilitator goes back.
				const [endedBefore, endedNow] = [clock.timer.status === 'ended', outcome.clock.timer.status === 'ended'];
				if (endedBefore !== endedNow) await setWorkshopStatus(tx, workshopId, endedNow ? 'ended' : 'open');
			}
			await logEvent(tx, workshopId, {
				actorId: actor.id,
				action: outcome.log.action,
				phaseId: (outcome.clock ?? clock).timer.phase,
				detail: outcome.log.detail ?? {}
			});
			await recordCommand(tx, { workshopId, commandId: input.commandId, actorId: actor.id, result: outcome.value });
			return [outcome.value, { before: clock, after: outcome.clock ?? clock, agenda, actorId: actor.id }, outcome.agendaChanged === true] as const;
		});
		// The change is committed: a failing follow-up (writing revealed notes) is logged, and what
		// it left undone stays visible (hidden notes still counted) for the facilitator to redo.
		if (after)
			await after(deps, workshopId, change).catch((e: Error) =>
				deps.log.error({ command: name, workshopId, err: e.message }, 'command follow-up failed')
			);
		const [was, is] = [change.before.timer, change.after.timer];
		deps.notify.state(workshopId, { phases: agendaChanged || was.phase !== is.phase || was.status !== is.status });
		return value;
	});
}

/** True if `promise` settles within `ms`; false (and `promise` left to run) otherwise. */
async function within(promise: Promise<void>, ms: number): Promise<boolean> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
	try {
		return await Promise.race([promise.then(() => true as const), late]);
	} finally {
		clearTimeout(timer);
	}
}
