import type { z } from 'zod';
import { DbError, type Db } from '../db/db.ts';
import type { Log } from '../log.ts';
import type { Actor } from '../auth/actor.ts';
import type { Rooms } from '../sync/rooms.ts';
import type { Room } from '../sync/room.ts';
import { CommandError } from '../../src/lib/protocol/errors.ts';
import type { CommandName, CommandResult, LiveCommands } from '../../src/lib/protocol/live.ts';
import { liveSchemas } from '../../src/lib/protocol/live-schemas.ts';
import { findCommand, recordCommand } from '../db/repositories/live-commands.ts';

export interface CommandContext<N extends CommandName> {
	input: z.infer<(typeof liveSchemas)[N]>;
	actor: Actor;
	workshopId: string;
	room: Room;
	db: Db;
	now: Date;
}

export interface CommandDeps {
	db: Db;
	rooms: Rooms;
	log: Log;
}

/**
 * How long a command waits for its change to be stored. Past it (the database is away) the
 * change stays queued in the update log and is stored when the database returns, but the
 * client hears `unavailable`, never `ok`: an acknowledgement means stored. Its retry with the
 * same commandId finds the change already applied and is acknowledged once it is stored.
 */
export const STORE_WAIT_MS = 5_000;

/** The database did not answer in time or is away: the client should retry the same command later. */
const UNAVAILABLE = {
	ok: false as const,
	error: { code: 'unavailable' as const, message: 'not stored: the database is unavailable; retry with the same commandId' }
};

export type CommandHandler<N extends CommandName> = (ctx: CommandContext<N>) => LiveCommands[N]['result'];

/**
 * Wraps a command: parse → run once per commandId → wait until stored → acknowledge.
 * The handler authorizes (throws CommandError) and applies the domain change to the room's
 * document synchronously; the acknowledgement is sent only once that change is in the
 * database, so an acknowledged command survives a crash.
 */
export function command<N extends CommandName>(name: N, handler: CommandHandler<N>) {
	const inflight = new Map<string, Promise<CommandResult<LiveCommands[N]['result']>>>();

	return async function run(
		deps: CommandDeps,
		actor: Actor,
		workshopId: string,
		raw: unknown
	): Promise<CommandResult<LiveCommands[N]['result']>> {
		const parsed = liveSchemas[name].safeParse(raw);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			const where = issue?.path.join('.') || 'input';
			return { ok: false, error: { code: 'invalid_input', message: `${name}: ${where}: ${issue?.message ?? 'invalid'}` } };
		}
		const input = parsed.data as CommandContext<N>['input'];
		const key = `${workshopId}:${actor.id}:${input.commandId}`;
		const running = inflight.get(key);
		if (running) return running;
		const attempt = execute(deps, actor, workshopId, input).finally(() => inflight.delete(key));
		inflight.set(key, attempt);
		return attempt;
	};

	async function execute(
		deps: CommandDeps,
		actor: Actor,
		workshopId: string,
		input: CommandContext<N>['input']
	): Promise<CommandResult<LiveCommands[N]['result']>> {
		try {
			const previous = await findCommand(deps.db, workshopId, input.commandId);
			// A retry gets its first answer again; someone else's id is not theirs to replay.
			if (previous !== null && previous.actorId !== actor.id) throw new CommandError('conflict', 'this command id is already used');
			if (previous !== null) return { ok: true, value: previous.result as LiveCommands[N]['result'] };
			const room = await deps.rooms.acquire(workshopId);
			try {
				const value = handler({ input, actor, workshopId, room, db: deps.db, now: new Date() });
				if (!(await within(room.log.stored(), STORE_WAIT_MS))) return UNAVAILABLE;
				await recordCommand(deps.db, { workshopId, commandId: input.commandId, actorId: actor.id, result: value });
				return { ok: true, value };
			} finally {
				deps.rooms.release(room);
			}
		} catch (e) {
			if (e instanceof CommandError) return { ok: false, error: e.toBody() };
			if (e instanceof DbError) {
				deps.log.warn({ command: name, workshopId, err: e.message }, 'command not stored: database unavailable');
				return UNAVAILABLE;
			}
			deps.log.error({ command: name, workshopId, actor: actor.id, err: (e as Error).message }, 'command failed');
			return { ok: false, error: { code: 'internal', message: 'the server could not apply this command' } };
		}
	}
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
