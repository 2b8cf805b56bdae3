import type { Queryable } from '../db/db.ts';
import type { Actor } from '../auth/actor.ts';
import { CommandError } from '../../src/lib/protocol/errors.ts';
import type { CommandName, CommandResult } from '../../src/lib/protocol/live.ts';
import { findCommands, recordCommands } from '../db/repositories/live-commands.ts';
import { failure, parseInput, sharedRuns, type CommandDeps, type Input, type Result, type Runner } from './command.ts';

/**
 * Group commit for commands stored as rows (a room of 300 voting at once): the commands of one
 * workshop that arrive while its previous batch is being stored wait, then go together in one
 * transaction with their records. A quiet room's command goes at once, alone; a busy room pays
 * one transaction per batch instead of one per command, so acknowledgements keep up.
 *
 * Each command is still answered on its own: accepted (stored and recorded, in the same
 * transaction), refused with its own code (nothing stored, nothing recorded), or, if the
 * database fails, `unavailable` for the whole batch, whose commands the clients retry with the
 * same ids. A retry of a command already stored answers its first result; someone else's id
 * is a conflict — checked inside the transaction, so two instances cannot both apply one id.
 */

export interface BatchEntry<N extends CommandName> {
	actor: Actor;
	input: Input<N>;
}

/** A batch's answers, one per entry in order, and what its follow-up needs to tell the room. */
export interface BatchOutcome<N extends CommandName, Told> {
	answers: CommandResult<Result<N>>[];
	tell: Told;
}

export interface BatchHandler<N extends CommandName, Prepared, Told> {
	/**
	 * Reads what the batch needs outside the transaction (the board's document: loading a room
	 * inside a transaction would wait on it with the embedded database's single connection).
	 */
	prepare(deps: CommandDeps, workshopId: string): Promise<Prepared>;
	/** Checks and stores every entry in `tx`, in order; one answer per entry. Throws to refuse them all. */
	apply(tx: Queryable, workshopId: string, entries: readonly BatchEntry<N>[], prepared: Prepared): Promise<BatchOutcome<N, Told>>;
	/** After the commit: tells the room (a failure here is logged, never thrown at the clients). */
	after(deps: CommandDeps, workshopId: string, told: Told): void;
}

/** Enough for a room's burst in one go, small enough that one transaction stays short. */
const MAX_BATCH = 400;

interface Waiting<N extends CommandName> extends BatchEntry<N> {
	resolve(result: CommandResult<Result<N>>): void;
}

export function batched<N extends CommandName, Prepared, Told>(name: N, handler: BatchHandler<N, Prepared, Told>): Runner {
	const queues = new Map<string, Waiting<N>[]>();
	const inflight = sharedRuns<CommandResult<Result<N>>>();

	async function drain(deps: CommandDeps, workshopId: string): Promise<void> {
		for (let queue = queues.get(workshopId); queue && queue.length > 0; queue = queues.get(workshopId)) {
			// Let the commands already received (read in this turn of the event loop) join the batch.
			// The embedded database runs on this thread: without this turn, a batch would start and
			// finish before the next message is even read, and every batch would hold one command.
			await new Promise((resolve) => setImmediate(resolve));
			const batch = queue.splice(0, MAX_BATCH);
			const answers = await run(deps, workshopId, batch);
			batch.forEach((w, i) => w.resolve(answers[i]));
		}
		queues.delete(workshopId);
	}

	async function run(deps: CommandDeps, workshopId: string, batch: Waiting<N>[]): Promise<CommandResult<Result<N>>[]> {
		try {
			const prepared = await handler.prepare(deps, workshopId);
			const [answers, told] = await deps.db.transaction(async (tx) => {
				const stored = await findCommands(tx, workshopId, batch.map((w) => w.input.commandId));
				const answers: (CommandResult<Result<N>> | null)[] = batch.map(() => null);
				const fresh: number[] = [];
				const seen = new Map<string, string>();
				batch.forEach((w, i) => {
					const previous = stored.get(w.input.commandId);
					const owner = previous?.actorId ?? seen.get(w.input.commandId);
					if (owner !== undefined && owner !== w.actor.id) answers[i] = { ok: false, error: new CommandError('conflict', 'this command id is already used').toBody() };
					else if (previous) answers[i] = { ok: true, value: previous.result as Result<N> };
					else {
						seen.set(w.input.commandId, w.actor.id);
						fresh.push(i);
					}
				});
				const outcome = await handler.apply(tx, workshopId, fresh.map((i) => batch[i]), prepared);
				const records: { commandId: string; actorId: string; result: unknown }[] = [];
				fresh.forEach((i, k) => {
					const answer = outcome.answers[k];
					answers[i] = answer;
					if (answer.ok) records.push({ commandId: batch[i].input.commandId, actorId: batch[i].actor.id, result: answer.value });
				});
				await recordCommands(tx, workshopId, records);
				return [answers as CommandResult<Result<N>>[], outcome.tell] as const;
			});
			try {
				handler.after(deps, workshopId, told);
			} catch (e) {
				deps.log.error({ command: name, workshopId, err: (e as Error).message }, 'command follow-up failed');
			}
			return answers;
		} catch (e) {
			const answer = failure(e, deps, name, workshopId, batch[0].actor);
			return batch.map(() => answer);
		}
	}

	return async (deps, actor, workshopId, raw) => {
		const parsed = parseInput(name, raw);
		if (!parsed.ok) return parsed;
		const input = parsed.value;
		return inflight(
			workshopId,
			actor,
			input.commandId,
			() =>
				new Promise<CommandResult<Result<N>>>((resolve) => {
					const queue = queues.get(workshopId);
					if (queue) queue.push({ actor, input, resolve });
					else {
						queues.set(workshopId, [{ actor, input, resolve }]);
						void drain(deps, workshopId);
					}
				})
		);
	};
}
