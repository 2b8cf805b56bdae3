import { z } from 'zod';
import { COMMITTERS, DECISION_LIMITS as L, DECISION_STATUSES, isDay } from '../domain/decisions/decision.ts';
import { COMMAND_ID_PATTERN } from './live.ts';

const commandId = z.string().regex(COMMAND_ID_PATTERN, 'commandId must be 8-64 characters of A-Z a-z 0-9 _ -');
const id = z.string().min(1).max(64);
const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const day = z.string().refine(isDay, 'must be a day written YYYY-MM-DD').nullable().default(null);

const decision = z.strictObject({
	id: id.optional(),
	title: text(L.title).min(1, 'a title is required'),
	text: text(L.text).default(''),
	commits: z.array(z.enum(COMMITTERS)).max(COMMITTERS.length).default([]),
	responsible: text(L.responsible).default(''),
	dueDate: day,
	answerBy: day,
	status: z.enum(DECISION_STATUSES).default('proposed'),
	sourceId: z.string().min(1).max(L.sourceId).nullable().default(null)
});

/** A project owner (porteur·se de projet): named at the workshop's creation or in its decisions phase. */
export const ownerSchema = z.strictObject({
	id: id.optional(),
	name: text(L.ownerName).min(1, 'a name is required'),
	email: z.email('must be an e-mail address').max(L.ownerEmail),
	organisation: text(L.ownerOrganisation).default('')
});

/** Input schemas of the decision commands (spread into `liveSchemas`). */
export const decisionSchemas = {
	'decision.save': z.strictObject({ commandId, decision }),
	'decision.delete': z.strictObject({ commandId, decisionId: id }),
	'decision.move': z.strictObject({ commandId, decisionId: id, position: z.number().int().min(0).max(L.decisions) }),
	'owners.save': z.strictObject({
		commandId,
		owners: z
			.array(ownerSchema)
			.max(L.owners, `at most ${L.owners} owners`)
			.refine((os) => new Set(os.flatMap((o) => (o.id ? [o.id] : []))).size === os.filter((o) => o.id).length, 'owner ids must be unique')
	})
};
