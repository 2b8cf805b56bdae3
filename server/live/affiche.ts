import { CommandError } from '../../src/lib/protocol/errors.ts';
import { canEdit, canPublish, canSubmit, canValidate, normaliseContent, type Refusal } from '../../src/lib/domain/affiche/affiche.ts';
import { isCategory } from '../../src/lib/domain/workshop/categories.ts';
import type { AfficheView } from '../../src/lib/protocol/affiche.ts';
import type { Affiche } from '../../src/lib/domain/affiche/affiche.ts';
import type { Queryable } from '../db/db.ts';
import { readAffiche, readMyValidation, readTally, readValidations, saveAfficheContent, saveValidation, setAfficheStatus } from '../db/repositories/affiches.ts';
import { control, recorded, type CommandDeps } from './command.ts';

/**
 * The affiche: facilitators write, submit and publish it (controls: the workshop's row locked,
 * the change, its log line and the command's record commit together); participants validate
 * the version shown. Every change is pushed: the room sees the affiche once submitted.
 */

const refuse = (refusal: Refusal) => {
	if (refusal) throw new CommandError(refusal.code, refusal.message);
};

/** The affiche as facilitators see it (draft included, with the proposals and their authors' names). */
export async function readAfficheView(db: Queryable, workshopId: string): Promise<AfficheView | null> {
	const affiche = await readAffiche(db, workshopId);
	if (!affiche) return null;
	const validations = await readValidations(db, workshopId, affiche.version);
	const tally = affiche.status === 'published' && affiche.publishedTally ? affiche.publishedTally : await readTally(db, workshopId, affiche.version);
	const proposals = validations
		.filter((v) => v.choice === 'modification')
		.map(({ displayName, category, comment }) => ({ displayName, category, comment }));
	return { affiche, tally, proposals };
}

/** What every other screen gets: nothing of a draft, no proposals, no names. */
export function roomAfficheView(view: AfficheView | null): AfficheView | null {
	if (!view || view.affiche.status === 'draft') return null;
	return { affiche: view.affiche, tally: view.tally };
}

/**
 * A participant's own answer to the version shown (null when none, or nothing shown). `shown`:
 * the affiche (null: none), when the caller has just read it.
 */
export async function readMyAffiche(db: Queryable, workshopId: string, participantId: string, shown?: Pick<Affiche, 'status' | 'version'> | null) {
	const affiche = shown === undefined ? await readAffiche(db, workshopId) : shown;
	if (!affiche || affiche.status === 'draft') return null;
	const mine = await readMyValidation(db, workshopId, participantId, affiche.version);
	return mine ? { version: affiche.version, ...mine } : null;
}

const pushAll = async (deps: CommandDeps, workshopId: string) => deps.notify.affiche(workshopId);

export const afficheSave = control(
	'affiche.save',
	async ({ input, workshopId, tx }) => {
		const before = await readAffiche(tx, workshopId, true);
		refuse(canEdit(before?.status ?? null));
		const checked = normaliseContent(input.content);
		if (!checked.ok) throw new CommandError('invalid_input', `affiche.save: content: ${checked.message}`);
		const version = await saveAfficheContent(tx, workshopId, checked.content);
		return { value: { version }, log: { action: 'affiche.save', detail: { version } } };
	},
	pushAll
);

export const afficheSubmit = control(
	'affiche.submit',
	async ({ workshopId, tx }) => {
		const affiche = await readAffiche(tx, workshopId, true);
		refuse(canSubmit(affiche?.status ?? null));
		await setAfficheStatus(tx, workshopId, 'submitted');
		return { value: { version: affiche!.version }, log: { action: 'affiche.submit', detail: { version: affiche!.version } } };
	},
	pushAll
);

export const affichePublish = control(
	'affiche.publish',
	async ({ workshopId, tx, now }) => {
		const affiche = await readAffiche(tx, workshopId, true);
		refuse(canPublish(affiche?.status ?? null));
		// The counts are read in the same transaction, the row locked: a validation arriving now waits and is then refused.
		const tally = await readTally(tx, workshopId, affiche!.version);
		await setAfficheStatus(tx, workshopId, 'published', { at: now, tally });
		return { value: { version: affiche!.version }, log: { action: 'affiche.publish', detail: { version: affiche!.version } } };
	},
	pushAll
);

export const afficheValidate = recorded('affiche.validate', async ({ input, actor, workshopId, deps, transact }) => {
	// Facilitators write the affiche; the room validates it. Observers never reach a command.
	if (actor.kind !== 'participant' || !isCategory(actor.category))
		throw new CommandError('forbidden', 'only the participants of this workshop validate its affiche');
	const value = await transact(async (tx) => {
		refuse(canValidate(await readAffiche(tx, workshopId, true), input.version));
		await saveValidation(tx, workshopId, actor.id, input.version, input.choice, input.choice === 'modification' ? input.comment : '');
		return { version: input.version };
	});
	deps.notify.afficheCounts(workshopId);
	deps.notify.myAffiche(workshopId, actor.id);
	return value;
});
