import { z } from 'zod';
import { AFFICHE_LIMITS as L, VALIDATION_CHOICES } from '../domain/affiche/affiche.ts';
import { COMMAND_ID_PATTERN } from './live.ts';

const commandId = z.string().regex(COMMAND_ID_PATTERN, 'commandId must be 8-64 characters of A-Z a-z 0-9 _ -');
// Lines are checked against the poster's limits by normaliseContent (after trimming); these
// bounds only keep a forged payload small.
const line = (max: number) => z.string().max(max * 2, `must be at most ${max} characters`);
const lines = (max: number, count: number) => z.array(line(max)).max(count * 2, `at most ${count} lines`);

/** Input schemas of the affiche commands (spread into `liveSchemas`). */
export const afficheSchemas = {
	'affiche.save': z.strictObject({
		commandId,
		content: z.strictObject({
			title: line(L.title),
			qualities: lines(L.quality, L.qualities),
			commitments: z.strictObject({
				agents: lines(L.commitment, L.commitments),
				usagers: lines(L.commitment, L.commitments),
				both: lines(L.commitment, L.commitments)
			})
		})
	}),
	'affiche.submit': z.strictObject({ commandId }),
	'affiche.publish': z.strictObject({ commandId }),
	'affiche.validate': z
		.strictObject({
			commandId,
			version: z.number().int().min(1),
			choice: z.enum(VALIDATION_CHOICES),
			comment: z.string().trim().max(L.comment, `a comment holds at most ${L.comment} characters`).default('')
		})
		.refine((v) => v.choice !== 'modification' || v.comment.length > 0, {
			message: 'say which modification you propose',
			path: ['comment']
		})
};
