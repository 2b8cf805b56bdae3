import type { z } from 'zod';
import { DbError } from '../db/db.ts';
import type { Actor } from '../auth/actor.ts';
import { CommandError } from '../../src/lib/protocol/errors.ts';
import type { CommandName, LiveCommands } from '../../src/lib/protocol/live.ts';
import { liveSchemas } from '../../src/lib/protocol/live-schemas.ts';
import type { CommandDeps, Runner } from './command.ts';

export interface QueryContext<N extends CommandName> {
	input: z.infer<(typeof liveSchemas)[N]>;
	actor: Actor;
	workshopId: string;
	deps: CommandDeps;
}

/**
 * A command that only reads (a list for a facilitator's panel): parsed and answered like the
 * others, but neither recorded nor run once per id, since asking again changes nothing.
 */
export function query<N extends CommandName>(
	name: N,
	handler: (ctx: QueryContext<N>) => Promise<LiveCommands[N]['result']>
): Runner {
	return async (deps, actor, workshopId, raw) => {
		const parsed = liveSchemas[name].safeParse(raw);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			return { ok: false, error: { code: 'invalid_input', message: `${name}: ${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'invalid'}` } };
		}
		try {
			return { ok: true, value: await handler({ input: parsed.data as QueryContext<N>['input'], actor, workshopId, deps }) };
		} catch (e) {
			if (e instanceof CommandError) return { ok: false, error: e.toBody() };
			if (e instanceof DbError) return { ok: false, error: { code: 'unavailable', message: 'the database is unavailable; retry' } };
			deps.log.error({ command: name, workshopId, actor: actor.id, err: (e as Error).message }, 'query failed');
			return { ok: false, error: { code: 'internal', message: 'the server could not answer' } };
		}
	};
}
