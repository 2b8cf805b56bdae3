import type { BoardState } from '$lib/state/board.svelte';
import type { LiveChannel } from '$lib/state/live.svelte';
import type { CommandResult } from '$lib/protocol/live';
import type { ErrorCode } from '$lib/protocol/errors';
import { newClientId } from '$lib/sync/ids';
import {
	addPersonaItem,
	createPersona,
	hasPersona,
	linkNote,
	personasOf,
	removePersona,
	removePersonaItem,
	findPersonaItem,
	anchorPersonaField,
	mergePersonaField,
	savePersonaField,
	type PersonaList,
	type PersonaTextField
} from '$lib/domain/board/personas';
import { fieldText } from '$lib/domain/board/persona-texts';
import { PERSONAS_MAX, mayRemoveItem, type PersonaActor } from '$lib/domain/board/persona-rights';

export type WriteResult = { ok: true } | { ok: false; code: ErrorCode };

/**
 * A field's save: the text the field holds now (`merged` when others' changes made meanwhile
 * were merged with it), or a refusal. A `conflict` says someone changed the field since the
 * edit began and nothing was written: `current` is what it holds, `by` who (a name, or '').
 */
export type FieldResult =
	| { ok: true; text: string; merged?: boolean }
	| { ok: false; code: Exclude<ErrorCode, 'conflict'> }
	| { ok: false; code: 'conflict'; current: string; by: string };

/** One person's edit of one text field, from the text they start from until they save it. */
export interface FieldEdit {
	save(value: string): Promise<FieldResult>;
}

/**
 * How a persona card writes: facilitators and editors straight into their board's document
 * (one undo step each), participants through server-checked live commands. The cards call
 * the same methods either way and show the refusal's code when one comes back.
 */
export interface PersonaWriter {
	/** Who writes: their id, and whether they take back anyone's item and link any note. */
	readonly actor: PersonaActor;
	create(): Promise<{ ok: true; id: string } | { ok: false; code: ErrorCode }>;
	/** Starts editing a field from `base`, the text the person sees in it as they start. */
	editField(personaId: string, field: PersonaTextField, base: string): FieldEdit;
	addItem(personaId: string, list: PersonaList, text: string): Promise<WriteResult>;
	removeItem(personaId: string, list: PersonaList, itemId: string): Promise<WriteResult>;
	link(personaId: string, noteId: string, linked: boolean): Promise<WriteResult>;
	/** Removes a whole persona: only where the writer has it (facilitators, on their board). */
	remove?(personaId: string): Promise<WriteResult>;
}

const OK: WriteResult = { ok: true };
const refused = (code: ErrorCode): WriteResult => ({ ok: false, code });

/** Writes through the board's typed helpers; `actor.manages` for facilitators (editors: false). */
export function boardPersonaWriter(board: BoardState, actor: PersonaActor): PersonaWriter {
	const run = (change: () => WriteResult): Promise<WriteResult> => {
		let result: WriteResult = OK;
		board.write(() => (result = change()));
		return Promise.resolve(result);
	};
	const doc = board.doc;
	return {
		actor,
		create: () => {
			if (personasOf(doc).size >= PERSONAS_MAX) return Promise.resolve({ ok: false, code: 'invalid_input' });
			const id = newClientId();
			board.write(() => createPersona(doc, id, Date.now()));
			return Promise.resolve({ ok: true, id });
		},
		editField: (personaId, field, base) => {
			// Taken now, when the person starts: what they type merges with what others write meanwhile.
			const anchors = anchorPersonaField(doc, personaId, field);
			return {
				save: (value) => {
					let result: FieldResult = { ok: false, code: 'not_found' };
					board.write(() => (result = saveOnBoard(doc, personaId, field, anchors, base, value, actor.id)));
					return Promise.resolve(result);
				}
			};
		},
		addItem: (personaId, list, text) =>
			run(() => {
				const added = addPersonaItem(doc, personaId, list, { id: newClientId(), text, authorId: actor.id, at: Date.now() });
				return added === true ? OK : refused(added === 'not_found' ? 'not_found' : 'invalid_input');
			}),
		removeItem: (personaId, list, itemId) =>
			run(() => {
				const item = findPersonaItem(doc, personaId, list, itemId);
				if (!item) return refused('not_found');
				if (!mayRemoveItem(item, actor)) return refused('forbidden');
				removePersonaItem(doc, personaId, list, itemId);
				return OK;
			}),
		link: (personaId, noteId, linked) => run(() => (linkNote(doc, personaId, noteId, linked) ? OK : refused('not_found'))),
		...(actor.manages ? { remove: (personaId: string) => run(() => (removePersona(doc, personaId) ? OK : refused('not_found'))) } : {})
	};
}

function saveOnBoard(
	doc: BoardState['doc'],
	personaId: string,
	field: PersonaTextField,
	anchors: ReturnType<typeof anchorPersonaField>,
	base: string,
	value: string,
	actorId: string
): FieldResult {
	if (!hasPersona(doc, personaId)) return { ok: false, code: 'not_found' };
	const now = () => fieldText(personasOf(doc).get(personaId)!, field);
	const merged = anchors ? mergePersonaField(doc, personaId, field, anchors, value, actorId) : 'stale';
	if (merged === 'applied' || merged === 'merged') return { ok: true, text: now(), merged: merged === 'merged' };
	if (merged === 'too_long') return { ok: false, code: 'conflict', current: now(), by: '' };
	if (merged !== 'stale') return { ok: false, code: merged === 'not_found' ? 'not_found' : 'invalid_input' };
	// No anchors to merge with (the field was replaced whole, by a restore): saved only if unchanged.
	const saved = savePersonaField(doc, personaId, field, base, value, actorId);
	if (saved.ok) return { ok: true, text: now() };
	if (saved.refusal === 'stale') return { ok: false, code: 'conflict', current: saved.current, by: '' };
	return { ok: false, code: saved.refusal === 'not_found' ? 'not_found' : 'invalid_input' };
}

const plain = (res: CommandResult<unknown>): WriteResult => (res.ok ? OK : refused(res.error.code));

/** Sends each write as a live command: the server checks the phase, the lock and whose item it is. */
export function livePersonaWriter(live: LiveChannel, meId: string): PersonaWriter {
	return {
		actor: { id: meId, manages: false },
		create: async () => {
			const res = await live.command('persona.create', {});
			return res.ok ? { ok: true, id: res.value.personaId } : { ok: false, code: res.error.code };
		},
		editField: (personaId, field, base) => ({
			save: async (value) => {
				const res = await live.command('persona.field', { personaId, field, value, base });
				if (res.ok) return { ok: true, text: value.replace(/\r\n?/g, '\n').trim() };
				const { code, detail } = res.error;
				if (code === 'conflict') return { ok: false, code, current: detail?.current ?? '', by: detail?.by ?? '' };
				return { ok: false, code };
			}
		}),
		addItem: async (personaId, list, text) => plain(await live.command('persona.item.add', { personaId, list, text })),
		removeItem: async (personaId, list, itemId) => plain(await live.command('persona.item.remove', { personaId, list, itemId })),
		link: async (personaId, noteId, linked) => plain(await live.command('persona.link', { personaId, noteId, linked }))
	};
}
