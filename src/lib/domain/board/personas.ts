import * as Y from 'yjs';
import { childMap, cleanText, num } from './fields.ts';
import { EDITED_BY, anchorText, ensureTexts, fieldText, mergeTyped, replaceIfUnchanged, type TextAnchors } from './persona-texts.ts';

/**
 * A persona: a fictional but representative user, built live by several people at once.
 * Each text field is its own Y.Text and each list item its own entry, so two people filling
 * the same field (or adding to the same list) at once never overwrite each other; see
 * ./persona-texts.ts for how a field's concurrent changes merge.
 */
export const PERSONA_TEXT_FIELDS = ['name', 'age', 'situation', 'quote', 'digital', 'disability', 'language', 'mobility', 'time'] as const;
export type PersonaTextField = (typeof PERSONA_TEXT_FIELDS)[number];
/** The constraints DESIGN.md names: digital access, disability, language, mobility, time. */
export const PERSONA_CONSTRAINTS: readonly PersonaTextField[] = ['digital', 'disability', 'language', 'mobility', 'time'];

export const PERSONA_LISTS = ['needs', 'frustrations', 'goals', 'channels', 'contactPoints'] as const;
export type PersonaList = (typeof PERSONA_LISTS)[number];
/** Channels people use to reach a public service, offered as one-tap choices. */
export const PERSONA_CHANNELS = ['guichet', 'telephone', 'web', 'courrier', 'email', 'application', 'visite'] as const;

export const PERSONA_FIELD_MAX: Record<PersonaTextField, number> = {
	name: 80,
	age: 40,
	situation: 500,
	quote: 300,
	digital: 300,
	disability: 300,
	language: 300,
	mobility: 300,
	time: 300
};
export const PERSONA_ITEM_MAX = 200;
/** Enough for a rich card; a flood of items would only make it unreadable on a phone. */
export const PERSONA_ITEMS_MAX = 40;

export interface PersonaItem {
	id: string;
	text: string;
	/** Participant or facilitator who added it: they (and facilitators) may take it back. */
	authorId: string;
	at: number;
}

export interface Persona {
	id: string;
	fields: Record<PersonaTextField, string>;
	lists: Record<PersonaList, PersonaItem[]>;
	/** Notes linked to this persona ("this idea helps Fatima"). */
	noteIds: string[];
	order: number;
	createdAt: number;
}

const PERSONAS = 'personas';

export function personasOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap<Y.Map<unknown>>(PERSONAS);
}

export function isPersonaTextField(v: unknown): v is PersonaTextField {
	return (PERSONA_TEXT_FIELDS as readonly unknown[]).includes(v);
}
export function isPersonaList(v: unknown): v is PersonaList {
	return (PERSONA_LISTS as readonly unknown[]).includes(v);
}

export function cleanPersonaField(field: PersonaTextField, input: unknown): string | null {
	return cleanText(input, PERSONA_FIELD_MAX[field]);
}

function readItems(m: Y.Map<unknown>, list: PersonaList): PersonaItem[] {
	const items = m.get(list);
	if (!(items instanceof Y.Map)) return [];
	const out: PersonaItem[] = [];
	items.forEach((v, id) => {
		if (typeof v !== 'object' || v === null) return;
		const o = v as Record<string, unknown>;
		if (typeof o.text !== 'string') return;
		out.push({ id, text: o.text, authorId: typeof o.authorId === 'string' ? o.authorId : '', at: typeof o.at === 'number' ? o.at : 0 });
	});
	return out.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}

function readPersona(id: string, m: Y.Map<unknown>): Persona | null {
	if (!(m instanceof Y.Map)) return null;
	const fields = Object.fromEntries(PERSONA_TEXT_FIELDS.map((f) => [f, fieldText(m, f)])) as Record<PersonaTextField, string>;
	const lists = Object.fromEntries(PERSONA_LISTS.map((l) => [l, readItems(m, l)])) as Record<PersonaList, PersonaItem[]>;
	const links = m.get('notes');
	const noteIds = links instanceof Y.Map ? [...links.keys()].sort() : [];
	return { id, fields, lists, noteIds, order: num(m, 'order'), createdAt: num(m, 'createdAt') };
}

export function readPersonas(doc: Y.Doc): Persona[] {
	const out: Persona[] = [];
	personasOf(doc).forEach((m, id) => {
		const p = readPersona(id, m);
		if (p) out.push(p);
	});
	return out.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

export function hasPersona(doc: Y.Doc, id: string): boolean {
	return personasOf(doc).get(id) instanceof Y.Map;
}

export function createPersona(doc: Y.Doc, id: string, now: number, name = '', origin?: unknown): void {
	doc.transact(() => {
		const personas = personasOf(doc);
		if (personas.has(id)) return;
		const m = new Y.Map<unknown>();
		// Every field's text is made with the persona (see ensureTexts), for the same reason as the lists below.
		for (const f of PERSONA_TEXT_FIELDS) m.set(f, new Y.Text(f === 'name' ? (cleanPersonaField('name', name) ?? '') : ''));
		m.set(EDITED_BY, new Y.Map());
		m.set('order', Math.max(0, ...readPersonas(doc).map((p) => p.order + 1)));
		m.set('createdAt', now);
		// Nested maps are made with the persona, never lazily: two screens making the same list
		// at once would each make their own, and one screen's items would be lost.
		for (const list of PERSONA_LISTS) m.set(list, new Y.Map());
		m.set('notes', new Y.Map());
		personas.set(id, m);
	}, origin);
}

export function removePersona(doc: Y.Doc, id: string, origin?: unknown): boolean {
	if (!hasPersona(doc, id)) return false;
	doc.transact(() => personasOf(doc).delete(id), origin);
	return true;
}

/**
 * Sets one text field to `value`, changing only what differs; false when the persona is gone
 * or the value does not fit. It overwrites whatever the field holds: screens use
 * {@link savePersonaField} or {@link mergePersonaField}, which never lose a concurrent change.
 */
export function setPersonaField(doc: Y.Doc, id: string, field: PersonaTextField, value: string, origin?: unknown, actorId = ''): boolean {
	const m = personasOf(doc).get(id);
	const clean = cleanPersonaField(field, value);
	if (!(m instanceof Y.Map) || clean === null) return false;
	const current = fieldText(m, field);
	if (current === clean) return true;
	doc.transact(() => replaceIfUnchanged(m, field, current, clean, actorId), origin);
	return true;
}

export type FieldSave = { ok: true } | { ok: false; refusal: 'not_found' | 'invalid' } | { ok: false; refusal: 'stale'; current: string; by: string };

/**
 * A participant's save (through the server): sets the field to `value` only if it still holds
 * `base`, the text they started from. When someone changed it meanwhile nothing is written and
 * the answer says what it holds now and who (an actor id) changed it, so their draft is kept
 * and they merge it by hand instead of erasing the other's words without knowing.
 */
export function savePersonaField(doc: Y.Doc, id: string, field: PersonaTextField, base: string, value: string, actorId: string, origin?: unknown): FieldSave {
	const m = personasOf(doc).get(id);
	if (!(m instanceof Y.Map)) return { ok: false, refusal: 'not_found' };
	const clean = cleanPersonaField(field, value);
	// A base no field could hold cannot be what the writer saw: it is stale (or forged), never a match.
	const from = cleanText(base, PERSONA_FIELD_MAX[field]);
	if (clean === null) return { ok: false, refusal: 'invalid' };
	let result: ReturnType<typeof replaceIfUnchanged> = { ok: true };
	doc.transact(() => {
		result = from === null ? { ok: false, current: fieldText(m, field), by: '' } : replaceIfUnchanged(m, field, from, clean, actorId);
	}, origin);
	const r = result as ReturnType<typeof replaceIfUnchanged>;
	return r.ok ? { ok: true } : { ok: false, refusal: 'stale', current: r.current, by: r.by };
}

/** Anchors on a field when someone starts editing it on a screen that writes the document; null if none. */
export function anchorPersonaField(doc: Y.Doc, id: string, field: PersonaTextField): TextAnchors | null {
	const m = personasOf(doc).get(id);
	return m instanceof Y.Map ? anchorText(m, field) : null;
}

/**
 * A facilitator's or editor's save: merges what they typed since `anchors` were taken with
 * whatever others changed in the field meanwhile (see mergeTyped). `merged` says others had
 * changed it; `stale` that the field was replaced whole (a restored version) and nothing was
 * written; `invalid` that what they typed does not fit, `too_long` that the merge would not.
 */
export function mergePersonaField(
	doc: Y.Doc,
	id: string,
	field: PersonaTextField,
	anchors: TextAnchors,
	typed: string,
	actorId: string,
	origin?: unknown
): 'applied' | 'merged' | 'stale' | 'not_found' | 'invalid' | 'too_long' {
	const m = personasOf(doc).get(id);
	if (!(m instanceof Y.Map)) return 'not_found';
	const clean = cleanPersonaField(field, typed);
	if (clean === null) return 'invalid';
	let result: ReturnType<typeof mergeTyped> = 'stale';
	// Two people's additions together may be over the field's size: then nothing is written.
	doc.transact(() => (result = mergeTyped(m, field, anchors, clean, actorId, PERSONA_FIELD_MAX[field])), origin);
	return result;
}

/**
 * Turns the plain-string fields of older documents into texts, in one transaction; returns
 * how many personas changed. The server runs it when it loads a document (and after restoring
 * a version), as the one writer of the upgrade: see ensureTexts.
 */
export function upgradePersonaTexts(doc: Y.Doc, origin?: unknown): number {
	let changed = 0;
	doc.transact(() => {
		personasOf(doc).forEach((m) => {
			if (m instanceof Y.Map && ensureTexts(m, PERSONA_TEXT_FIELDS)) changed++;
		});
	}, origin);
	return changed;
}

export type ItemRefusal = 'not_found' | 'invalid' | 'full';

/** Adds an item to one of a persona's lists; the item id makes a retried add harmless. */
export function addPersonaItem(
	doc: Y.Doc,
	id: string,
	list: PersonaList,
	item: PersonaItem,
	origin?: unknown
): true | ItemRefusal {
	const m = personasOf(doc).get(id);
	if (!(m instanceof Y.Map)) return 'not_found';
	const text = cleanText(item.text, PERSONA_ITEM_MAX, false);
	if (text === null) return 'invalid';
	const existing = m.get(list);
	if (existing instanceof Y.Map && existing.has(item.id)) return true;
	if (existing instanceof Y.Map && existing.size >= PERSONA_ITEMS_MAX) return 'full';
	doc.transact(() => childMap(m, list).set(item.id, { text, authorId: item.authorId, at: item.at }), origin);
	return true;
}

export function findPersonaItem(doc: Y.Doc, id: string, list: PersonaList, itemId: string): PersonaItem | null {
	const m = personasOf(doc).get(id);
	if (!(m instanceof Y.Map)) return null;
	return readItems(m, list).find((i) => i.id === itemId) ?? null;
}

export function removePersonaItem(doc: Y.Doc, id: string, list: PersonaList, itemId: string, origin?: unknown): boolean {
	const items = personasOf(doc).get(id)?.get(list);
	if (!(items instanceof Y.Map) || !items.has(itemId)) return false;
	doc.transact(() => items.delete(itemId), origin);
	return true;
}

/** Links a note to a persona (or unlinks it). */
export function linkNote(doc: Y.Doc, personaId: string, noteId: string, linked: boolean, origin?: unknown): boolean {
	const m = personasOf(doc).get(personaId);
	if (!(m instanceof Y.Map)) return false;
	doc.transact(() => {
		if (linked) childMap(m, 'notes').set(noteId, true);
		else (m.get('notes') as Y.Map<unknown> | undefined)?.delete(noteId);
	}, origin);
	return true;
}

/** A short title for a persona card: its name, or its place in the list. */
export function personaTitle(p: Persona, index: number, untitled: (n: number) => string): string {
	return p.fields.name.trim() || untitled(index + 1);
}
