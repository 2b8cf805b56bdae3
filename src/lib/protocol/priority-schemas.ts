import { z } from 'zod';
import { PLACEMENT_MAX, PLACEMENT_MIN, PRIORITIES_TOP_MAX } from '../domain/priorities/matrix.ts';
import { COMMAND_ID_PATTERN } from './live.ts';

const commandId = z.string().regex(COMMAND_ID_PATTERN, 'commandId must be 8-64 characters of A-Z a-z 0-9 _ -');
const itemId = z.string().min(1).max(64);
const axis = z.number().int().min(PLACEMENT_MIN).max(PLACEMENT_MAX);

/** Input schemas of the priorities commands (spread into `liveSchemas`). */
export const prioritySchemas = {
	'priority.place': z.strictObject({ commandId, itemId, desirability: axis, feasibility: axis }),
	'priority.confirm': z.strictObject({
		commandId,
		itemIds: z
			.array(itemId)
			.max(PRIORITIES_TOP_MAX)
			.refine((ids) => new Set(ids).size === ids.length, 'item ids must be unique')
	})
};
