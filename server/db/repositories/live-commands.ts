import type { Queryable } from '../db.ts';

export interface StoredCommand {
	actorId: string;
	result: unknown;
}

/** A command already applied in this workshop (who sent it, what it answered), or null. */
export async function findCommand(db: Queryable, workshopId: string, commandId: string): Promise<StoredCommand | null> {
	const rows = await db.query<{ actor_id: string; result: unknown }>(
		'SELECT actor_id, result FROM live_command WHERE workshop_id = $1 AND command_id = $2',
		[workshopId, commandId]
	);
	return rows[0] ? { actorId: rows[0].actor_id, result: rows[0].result } : null;
}

export async function recordCommand(
	db: Queryable,
	input: { workshopId: string; commandId: string; actorId: string; result: unknown }
): Promise<void> {
	await db.query(
		// Typed as text first: both drivers then send our JSON string as is instead of encoding it again.
		`INSERT INTO live_command (workshop_id, command_id, actor_id, result) VALUES ($1, $2, $3, $4::text::jsonb)
		 ON CONFLICT DO NOTHING`,
		[input.workshopId, input.commandId, input.actorId, JSON.stringify(input.result)]
	);
}

/**
 * The commands among a JSON list of ids already applied in a workshop. The ids travel as one JSON
 * text: both drivers send it as is, with no array encoding of their own. `= ANY(ARRAY(…))`, not
 * `IN (SELECT …)`: the planner made the latter a hash join over every command the workshop ever
 * stored (4 ms at 20,000 on the embedded database, growing with each vote and note), where this
 * looks the ids up in the primary key.
 */
export const findCommandsSql = (workshopId: string, commandIds: string) => `SELECT command_id, actor_id, result FROM live_command
	WHERE workshop_id = ${workshopId} AND command_id = ANY(ARRAY(SELECT jsonb_array_elements_text(${commandIds}::text::jsonb)))`;
export const FIND_COMMANDS_SQL = findCommandsSql('$1', '$2');

/** `findCommandsSql`'s rows by command id. */
export function commandsOf(rows: readonly Record<string, unknown>[]): Map<string, StoredCommand> {
	return new Map(rows.map((r) => [r.command_id as string, { actorId: r.actor_id as string, result: r.result }]));
}

/** The commands among `commandIds` already applied in this workshop, by id: one query for a batch. */
export async function findCommands(db: Queryable, workshopId: string, commandIds: readonly string[]): Promise<Map<string, StoredCommand>> {
	if (commandIds.length === 0) return new Map();
	return commandsOf(await db.query(FIND_COMMANDS_SQL, [workshopId, JSON.stringify(commandIds)]));
}

/** An applied command as recorded: its client-made id, who sent it, what it answered. */
export interface CommandRecord {
	commandId: string;
	actorId: string;
	result: unknown;
}

/**
 * The statement recording commands of one or several workshops (a retry's id already stored is
 * left as it was), their rows (`commandRows`) as one JSON text given as a placeholder or a
 * literal (update-batch.ts).
 */
export const recordCommandsSql = (rows: string) =>
	`INSERT INTO live_command (workshop_id, command_id, actor_id, result)
	 SELECT r.workshop_id, r.command_id, r.actor_id, r.result
	 FROM jsonb_to_recordset(${rows}::text::jsonb) AS r(workshop_id text, command_id text, actor_id text, result jsonb)
	 ON CONFLICT DO NOTHING`;

/** One workshop's commands as rows of `recordCommandsSql`'s JSON. */
export const commandRows = (workshopId: string, commands: readonly CommandRecord[]) =>
	commands.map((c) => ({ workshop_id: workshopId, command_id: c.commandId, actor_id: c.actorId, result: c.result }));

/** Records a batch of applied commands in one statement (a retry's id already stored is left as it was). */
export async function recordCommands(db: Queryable, workshopId: string, commands: readonly CommandRecord[]): Promise<void> {
	if (commands.length === 0) return;
	await db.query(recordCommandsSql('$1'), [JSON.stringify(commandRows(workshopId, commands))]);
}
