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
