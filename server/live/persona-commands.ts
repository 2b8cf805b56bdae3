import { CommandError } from '../../src/lib/protocol/errors.ts';
import { notesOf, readNote } from '../../src/lib/domain/board/notes.ts';
import {
	PERSONA_FIELD_MAX,
	PERSONA_ITEM_MAX,
	PERSONA_ITEMS_MAX,
	addPersonaItem,
	cleanPersonaField,
	createPersona,
	findPersonaItem,
	hasPersona,
	linkNote,
	personasOf,
	removePersonaItem,
	savePersonaField
} from '../../src/lib/domain/board/personas.ts';
import { PERSONAS_MAX, mayLinkNote, mayRemoveItem, type PersonaActor } from '../../src/lib/domain/board/persona-rights.ts';
import { requireOpen } from './room-gate.ts';
import { findCommand } from '../db/repositories/live-commands.ts';
import { findParticipant } from '../db/repositories/participants.ts';
import { findFacilitator } from '../db/repositories/facilitators.ts';
import type { Db } from '../db/db.ts';
import { command, ownRetry, type CommandContext } from './command.ts';
import { LIVE_ORIGIN } from '../sync/origins.ts';

type PersonaCommand = 'persona.create' | 'persona.field' | 'persona.item.add' | 'persona.item.remove' | 'persona.link';

/**
 * Who may work on personas now: facilitators always; participants and editors under the room
 * rules of the persona activity (open board, before the start or in a persona phase that
 * includes their category); observers never (the socket layer refuses them first, this
 * repeats it so no command relies on that).
 */
async function mayWork(ctx: CommandContext<PersonaCommand>): Promise<PersonaActor> {
	const { actor, deps, workshopId } = ctx;
	await requireOpen(deps, actor, workshopId, 'persona.write');
	return { id: actor.id, manages: actor.role === 'facilitator' };
}

function requirePersona(ctx: CommandContext<Exclude<PersonaCommand, 'persona.create'>>): string {
	const { personaId } = ctx.input;
	if (!hasPersona(ctx.room.doc, personaId)) throw new CommandError('not_found', 'no such persona');
	return personaId;
}

export const personaCreate = command('persona.create', async (ctx) => {
	await mayWork(ctx);
	const personaId = ctx.input.commandId;
	const name = cleanPersonaField('name', ctx.input.name ?? '');
	if (name === null) throw new CommandError('invalid_input', `a persona's name takes at most ${PERSONA_FIELD_MAX.name} characters`);
	// A retry after a crash between storing and recording finds its persona already made;
	// someone else's persona under that id is a conflict, never taken as theirs.
	if (ownRetry(ctx.room, ctx.actor, personaId, hasPersona(ctx.room.doc, personaId))) return { personaId };
	if (personasOf(ctx.room.doc).size >= PERSONAS_MAX) throw new CommandError('invalid_input', `a board holds at most ${PERSONAS_MAX} personas`);
	createPersona(ctx.room.doc, personaId, ctx.now.getTime(), name, LIVE_ORIGIN);
	return { personaId };
});

/**
 * The name to show for who last changed a field: a participant of this workshop (their name
 * is already shown to the room by presence) or a facilitator; '' when unknown or erased.
 */
async function nameOf(db: Db, workshopId: string, actorId: string): Promise<string> {
	if (!actorId) return '';
	const participant = await findParticipant(db, actorId);
	if (participant) return participant.workshopId === workshopId && !participant.erasedAt ? participant.displayName : '';
	return (await findFacilitator(db, actorId))?.displayName ?? '';
}

/**
 * A participant's save of one field. It carries the text they started from: when the field
 * changed meanwhile, nothing is written and they hear what it holds now and who changed it,
 * so the last save never silently erases another's (their draft stays on their phone).
 */
export const personaField = command('persona.field', async (ctx) => {
	await mayWork(ctx);
	const personaId = requirePersona(ctx);
	const { field, value, base } = ctx.input;
	const saved = savePersonaField(ctx.room.doc, personaId, field, base, value, ctx.actor.id, LIVE_ORIGIN);
	if (saved.ok) return { personaId };
	if (saved.refusal !== 'stale') {
		if (saved.refusal === 'not_found') throw new CommandError('not_found', 'no such persona');
		throw new CommandError('invalid_input', `the persona's ${field} takes at most ${PERSONA_FIELD_MAX[field]} characters`);
	}
	const by = await nameOf(ctx.deps.db, ctx.workshopId, saved.by);
	throw new CommandError('conflict', `the persona's ${field} was changed meanwhile${by ? ` by ${by}` : ''}; nothing was written`, {
		current: saved.current,
		by
	});
});

export const personaItemAdd = command('persona.item.add', async (ctx) => {
	await mayWork(ctx);
	const personaId = requirePersona(ctx);
	const { list, text, commandId: itemId } = ctx.input;
	const added = addPersonaItem(ctx.room.doc, personaId, list, { id: itemId, text, authorId: ctx.actor.id, at: ctx.now.getTime() }, LIVE_ORIGIN);
	if (added === 'invalid') throw new CommandError('invalid_input', `an item needs 1 to ${PERSONA_ITEM_MAX} characters`);
	if (added === 'full') throw new CommandError('invalid_input', `this list already holds ${PERSONA_ITEMS_MAX} items`);
	if (added === 'not_found') throw new CommandError('not_found', 'no such persona');
	return { personaId, itemId };
});

export const personaItemRemove = command('persona.item.remove', async (ctx) => {
	const actor = await mayWork(ctx);
	const personaId = requirePersona(ctx);
	const { list, itemId } = ctx.input;
	const item = findPersonaItem(ctx.room.doc, personaId, list, itemId);
	if (!item) throw new CommandError('not_found', 'no such item in this list');
	if (!mayRemoveItem(item, actor)) throw new CommandError('forbidden', 'only its author or a facilitator can remove this item');
	removePersonaItem(ctx.room.doc, personaId, list, itemId, LIVE_ORIGIN);
	return { personaId, itemId };
});

export const personaLink = command('persona.link', async (ctx) => {
	const actor = await mayWork(ctx);
	const personaId = requirePersona(ctx);
	const { noteId, linked } = ctx.input;
	const m = notesOf(ctx.room.doc).get(noteId);
	const note = m ? readNote(noteId, m) : null;
	if (!note) throw new CommandError('not_found', 'no such note');
	// An anonymous note names no author in the document: its author sent the `note.add` whose id it has.
	const author = note.anonymous && !actor.manages ? (await findCommand(ctx.deps.db, ctx.workshopId, noteId))?.actorId : note.authorId;
	if (!mayLinkNote(author, actor)) throw new CommandError('forbidden', 'only its author or a facilitator can link this note');
	linkNote(ctx.room.doc, personaId, noteId, linked, LIVE_ORIGIN);
	return { personaId, noteId };
});
