import { z } from 'zod';
import { COMMAND_ID_PATTERN } from './live.ts';
import { NOTE_TEXT_MAX } from '../domain/board/notes.ts';
import { TABLE_INSTRUCTIONS_MAX, TABLE_NAME_MAX } from './tables.ts';
import { TABLE_EXTRA_MINUTES_MAX } from '../domain/tables/timer.ts';

const commandId = z.string().regex(COMMAND_ID_PATTERN, 'commandId must be 8-64 characters of A-Z a-z 0-9 _ -');
const id = z.string().min(1).max(64);
// The name is checked exactly by the command (trimmed, spaces collapsed); this bounds the payload.
const name = z.string().max(TABLE_NAME_MAX * 2, `a table's name holds at most ${TABLE_NAME_MAX} characters`);
const instructions = z.string().trim().max(TABLE_INSTRUCTIONS_MAX, `instructions hold at most ${TABLE_INSTRUCTIONS_MAX} characters`);

/** Input schemas of the table and readiness commands (spread into `liveSchemas`). */
export const tableSchemas = {
	'table.create': z.strictObject({ commandId, name, instructions: instructions.default('') }),
	'table.update': z.strictObject({ commandId, tableId: id, name, instructions }),
	'table.delete': z.strictObject({ commandId, tableId: id }),
	'table.assign': z.strictObject({ commandId, participantId: id, tableId: id.nullable() }),
	'tables.split': z.strictObject({ commandId, mode: z.enum(['balanced', 'random']), seed: z.number().int().min(0).max(2 ** 32 - 1).optional() }),
	'table.reporter': z.strictObject({ commandId, tableId: id, participantId: id.nullable() }),
	'table.pick': z.strictObject({ commandId, tableId: id, noteId: id, picked: z.boolean() }),
	'table.extend': z.strictObject({ commandId, tableId: id, minutes: z.number().int().min(1).max(TABLE_EXTRA_MINUTES_MAX) }),
	'table.note.add': z.strictObject({ commandId, tableId: id, text: z.string().max(NOTE_TEXT_MAX * 4, `text is longer than ${NOTE_TEXT_MAX} characters`) }),
	'readiness.set': z.strictObject({ commandId, done: z.boolean() })
};
