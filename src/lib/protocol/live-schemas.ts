import { z } from 'zod';
import { NOTE_TEXT_MAX } from '../domain/board/notes.ts';
import { SCALE_MAX, SCALE_MIN } from '../domain/board/positioning.ts';
import { PERSONA_FIELD_MAX, PERSONA_ITEM_MAX, PERSONA_LISTS, PERSONA_TEXT_FIELDS } from '../domain/board/personas.ts';
import { agendaSchema } from '../domain/agenda/phase-schema.ts';
import { CATEGORIES } from '../domain/workshop/categories.ts';
import { COMMAND_ID_PATTERN, type CommandName } from './live.ts';
import { decisionSchemas } from './decision-schemas.ts';
import { prioritySchemas } from './priority-schemas.ts';
import { afficheSchemas } from './affiche-schemas.ts';
import { tableSchemas } from './table-schemas.ts';
import { POLL_CHOICES_MAX } from '../domain/poll/answer.ts';

const commandId = z.string().regex(COMMAND_ID_PATTERN, 'commandId must be 8-64 characters of A-Z a-z 0-9 _ -');
const coordinate = z.number().finite().min(-1e6).max(1e6);
const noteId = z.string().min(1).max(64);
/** A vote's item: a cluster's or a note's id. */
const itemId = z.string().min(1).max(64);
const noteText = z.string().max(NOTE_TEXT_MAX * 4, `text is longer than ${NOTE_TEXT_MAX} characters`);
// Persona texts are measured exactly by the command (each field has its own limit, in
// characters); the schemas only bound the payload, with room for multi-unit characters.
const personaId = z.string().min(1).max(64);
const personaValue = z.string().max(Math.max(...Object.values(PERSONA_FIELD_MAX)) * 4, 'value is longer than any persona field allows');
const personaItemText = z.string().max(PERSONA_ITEM_MAX * 4, `text is longer than ${PERSONA_ITEM_MAX} characters`);

/** Input schemas of every live command; the server parses with them before anything else. */
export const liveSchemas = {
	'note.add': z.strictObject({
		commandId,
		text: noteText,
		x: coordinate.optional(),
		y: coordinate.optional(),
		prompt: z.string().min(1).max(800).optional()
	}),
	'note.edit': z.strictObject({ commandId, noteId, text: noteText }),
	'note.move': z.strictObject({ commandId, noteId, x: coordinate, y: coordinate }),
	'note.delete': z.strictObject({ commandId, noteId }),
	'note.cluster': z.strictObject({ commandId, noteId, clusterId: z.string().min(1).max(64).nullable() }),
	'note.proxyName': z.strictObject({ commandId, noteId, name: z.string().max(400) }),
	'phase.start': z.strictObject({ commandId }),
	'phase.pause': z.strictObject({ commandId }),
	'phase.resume': z.strictObject({ commandId }),
	'phase.extend': z.strictObject({ commandId, minutes: z.number().int().min(-60).max(60).refine((m) => m !== 0, 'must not be 0') }),
	'phase.skip': z.strictObject({ commandId }),
	'phase.back': z.strictObject({ commandId }),
	'phase.reveal': z.strictObject({ commandId }),
	'board.lock': z.strictObject({ commandId, locked: z.boolean() }),
	'room.attention': z.strictObject({ commandId }),
	'series.import': z.strictObject({ commandId }),
	'agenda.save': z.strictObject({ commandId, phases: agendaSchema }),
	'agenda.notes': z.strictObject({ commandId }),
	'clusters.suggest': z.strictObject({ commandId }),
	'marker.place': z.strictObject({ commandId, value: z.number().finite().min(SCALE_MIN).max(SCALE_MAX) }),
	'persona.create': z.strictObject({ commandId, name: personaValue.optional() }),
	'persona.field': z.strictObject({ commandId, personaId, field: z.enum(PERSONA_TEXT_FIELDS), value: personaValue, base: personaValue }),
	'persona.item.add': z.strictObject({ commandId, personaId, list: z.enum(PERSONA_LISTS), text: personaItemText }),
	'persona.item.remove': z.strictObject({ commandId, personaId, list: z.enum(PERSONA_LISTS), itemId: noteId }),
	'persona.link': z.strictObject({ commandId, personaId, noteId, linked: z.boolean() }),
	'vote.set': z.strictObject({ commandId, itemId, dots: z.number().int().min(0).max(20) }),
	'vote.paper': z.strictObject({ commandId, itemId, category: z.enum(CATEGORIES), dots: z.number().int().min(0).max(10_000) }),
	'vote.reveal': z.strictObject({ commandId }),
	'poll.answer': z.strictObject({ commandId, choices: z.array(z.number().int().min(0).max(POLL_CHOICES_MAX - 1)).min(1).max(POLL_CHOICES_MAX) }),
	'poll.reveal': z.strictObject({ commandId }),
	'version.list': z.strictObject({ commandId }),
	'version.restore': z.strictObject({ commandId, versionId: z.string().min(1).max(64) }),
	...decisionSchemas,
	...prioritySchemas,
	...afficheSchemas,
	...tableSchemas
} satisfies Record<CommandName, z.ZodType>;
