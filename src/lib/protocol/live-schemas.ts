import { z } from 'zod';
import { NOTE_TEXT_MAX } from '../domain/board/notes.ts';
import { COMMAND_ID_PATTERN, type CommandName } from './live.ts';

const commandId = z.string().regex(COMMAND_ID_PATTERN, 'commandId must be 8-64 characters of A-Z a-z 0-9 _ -');
const coordinate = z.number().finite().min(-1e6).max(1e6);

/** Input schemas of every live command; the server parses with them before anything else. */
export const liveSchemas = {
	'note.add': z.strictObject({
		commandId,
		text: z.string().max(NOTE_TEXT_MAX * 4, `text is longer than ${NOTE_TEXT_MAX} characters`),
		x: coordinate.optional(),
		y: coordinate.optional()
	})
} satisfies Record<CommandName, z.ZodType>;
