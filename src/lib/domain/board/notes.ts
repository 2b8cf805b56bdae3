import * as Y from 'yjs';
import type { Category } from '../workshop/categories.ts';

/** Sticky note (post-it) as everyone reads it from the workshop's Yjs document. */
export interface Note {
	id: string;
	text: string;
	x: number;
	y: number;
	color: NoteColor;
	/** Participant or facilitator id; empty when the note is anonymous. */
	authorId: string;
	authorCategory: Category | 'facilitator';
	/** Written in an anonymous phase: the document keeps the category, never the author. */
	anonymous?: boolean;
	createdAt: number;
	updatedAt: number;
	/** Set on notes carried over from an earlier workshop of a series: where they came from. */
	origin?: NoteOrigin;
	/** The cluster (regroupement) the note is in; a clustered note is laid out by its cluster. */
	clusterId?: string;
	/** The board section (one per activity, or a table's area) the note was written in. */
	sectionId?: string;
	/**
	 * Written by a facilitator on behalf of someone without a phone: counted with
	 * `authorCategory` everywhere; the name is optional (and never exported without consent).
	 */
	proxy?: { name?: string };
	/** The prompt (heading of the phase's `settings.prompts`) the note was written under, as its text. */
	prompt?: string;
	/** A plenary's copy of a table's contribution: the table it came from and the note picked there. */
	fromTable?: FromTable;
}

/** Where a note gathered into a plenary came from: its table (id and name then) and the picked note. */
export interface FromTable {
	tableId: string;
	name: string;
	noteId: string;
}

function readFromTable(v: unknown): FromTable | undefined {
	if (typeof v !== 'object' || v === null) return undefined;
	const o = v as Record<string, unknown>;
	if (typeof o.tableId !== 'string' || typeof o.name !== 'string' || typeof o.noteId !== 'string') return undefined;
	return { tableId: o.tableId, name: o.name, noteId: o.noteId };
}

/** What may change on a note once written (text, place, colour, cluster, section). */
export type NotePatch = Partial<Pick<Note, 'text' | 'x' | 'y' | 'color'>> & {
	/** null takes the note out of its cluster (or section). */
	clusterId?: string | null;
	sectionId?: string | null;
};

/** The earlier workshop (and its session in the series) a carried-over note was written in. */
export interface NoteOrigin {
	workshopId: string;
	workshopTitle: string;
	sessionKey: string;
	noteId: string;
}

function readOrigin(v: unknown): NoteOrigin | undefined {
	if (typeof v !== 'object' || v === null) return undefined;
	const o = v as Record<string, unknown>;
	const fields = ['workshopId', 'workshopTitle', 'sessionKey', 'noteId'] as const;
	if (!fields.every((f) => typeof o[f] === 'string')) return undefined;
	return { workshopId: o.workshopId as string, workshopTitle: o.workshopTitle as string, sessionKey: o.sessionKey as string, noteId: o.noteId as string };
}

function readProxy(v: unknown): Note['proxy'] {
	if (typeof v !== 'object' || v === null) return undefined;
	const name = (v as Record<string, unknown>).name;
	return typeof name === 'string' && name ? { name } : {};
}

/** Optional text of a proxy's name: trimmed, at most 80 characters, empty means none. */
export const PROXY_NAME_MAX = 80;

export const NOTE_TEXT_MAX = 500;
export const NOTE_COLORS = ['yellow', 'pink', 'blue', 'green', 'orange'] as const;
export type NoteColor = (typeof NOTE_COLORS)[number];
/** The board is a fixed logical plane; views scale it. Positions are clamped into it. */
export const BOARD_WIDTH = 4000;
export const BOARD_HEIGHT = 3000;

const NOTES = 'notes';

/** The notes map of a board document: note id → Y.Map of its fields. */
export function notesOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap<Y.Map<unknown>>(NOTES);
}

/**
 * How many notes the board holds. Y.Map's `size` copies every entry into an array to count
 * them, and even counting the live entries in place is a walk over every note ever written: on
 * a board reaching 5,000 notes, asked once per added note, that walk was still a tenth of the
 * server's CPU under a room's burst. So a document's count is kept up to date by an observer of
 * its notes map from the first time it is asked for. Inside a transaction the observer has not
 * run yet, so the count is walked then.
 */
export function noteCount(doc: Y.Doc): number {
	if (doc._transaction !== null) return walkNoteCount(doc);
	let counted = noteCounts.get(doc);
	if (!counted) {
		const state = { n: walkNoteCount(doc) };
		notesOf(doc).observe((event) => {
			for (const change of event.changes.keys.values()) state.n += change.action === 'add' ? 1 : change.action === 'delete' ? -1 : 0;
		});
		noteCounts.set(doc, state);
		counted = state;
	}
	return counted.n;
}

const noteCounts = new WeakMap<Y.Doc, { n: number }>();

function walkNoteCount(doc: Y.Doc): number {
	let n = 0;
	for (const item of notesOf(doc)._map.values()) if (!item.deleted) n++;
	return n;
}

/** Trims, refuses empty or too-long text (counted in characters, not UTF-16 units). */
export function cleanNoteText(input: unknown): string | null {
	if (typeof input !== 'string') return null;
	const text = input.replace(/\r\n?/g, '\n').trim();
	if (text.length === 0 || [...text].length > NOTE_TEXT_MAX) return null;
	return text;
}

export function clampPosition(x: number, y: number): { x: number; y: number } {
	const fit = (v: number, max: number) => (Number.isFinite(v) ? Math.min(max, Math.max(0, Math.round(v))) : 0);
	return { x: fit(x, BOARD_WIDTH), y: fit(y, BOARD_HEIGHT) };
}

/** Reads one note; returns null for entries that are not well-formed (never trust the document). */
export function readNote(id: string, m: Y.Map<unknown>): Note | null {
	const text = m.get('text');
	if (typeof text !== 'string') return null;
	const num = (k: string) => (typeof m.get(k) === 'number' ? (m.get(k) as number) : 0);
	const color = m.get('color');
	const origin = readOrigin(m.get('origin'));
	const proxy = readProxy(m.get('proxy'));
	const fromTable = readFromTable(m.get('fromTable'));
	const ref = (k: string) => (typeof m.get(k) === 'string' && m.get(k) !== '' ? { [k]: m.get(k) as string } : {});
	return {
		id,
		text,
		x: num('x'),
		y: num('y'),
		color: (NOTE_COLORS as readonly unknown[]).includes(color) ? (color as NoteColor) : 'yellow',
		authorId: String(m.get('authorId') ?? ''),
		authorCategory: (m.get('authorCategory') as Note['authorCategory']) ?? 'autre',
		...(m.get('anonymous') === true ? { anonymous: true } : {}),
		createdAt: num('createdAt'),
		updatedAt: num('updatedAt'),
		...(origin ? { origin } : {}),
		...ref('clusterId'),
		...ref('sectionId'),
		...ref('prompt'),
		...(proxy ? { proxy } : {}),
		...(fromTable ? { fromTable } : {})
	};
}

/** All notes, oldest first, ties broken by id so every client lists them in the same order. */
export function readNotes(doc: Y.Doc): Note[] {
	const out: Note[] = [];
	notesOf(doc).forEach((m, id) => {
		const n = m instanceof Y.Map ? readNote(id, m) : null;
		if (n) out.push(n);
	});
	return out.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** How many notes were written into a section (counted without reading every note). */
export function notesInSection(doc: Y.Doc, sectionId: string): number {
	let count = 0;
	notesOf(doc).forEach((m) => {
		if (m instanceof Y.Map && m.get('sectionId') === sectionId) count++;
	});
	return count;
}

export function hasNote(doc: Y.Doc, id: string): boolean {
	return notesOf(doc).has(id);
}

/** Inserts a note in one transaction; `origin` tags the change (undo scopes, persistence). */
export function insertNote(doc: Y.Doc, note: Note, origin?: unknown): void {
	doc.transact(() => {
		const m = new Y.Map<unknown>();
		for (const [k, v] of Object.entries(note)) if (k !== 'id' && v !== undefined) m.set(k, v);
		notesOf(doc).set(note.id, m);
	}, origin);
}

export function updateNote(doc: Y.Doc, id: string, patch: NotePatch, now: number, origin?: unknown): boolean {
	const m = notesOf(doc).get(id);
	if (!m) return false;
	doc.transact(() => {
		for (const [k, v] of Object.entries(patch)) {
			if (v === null) m.delete(k);
			else if (v !== undefined) m.set(k, v);
		}
		m.set('updatedAt', now);
	}, origin);
	return true;
}

export function removeNote(doc: Y.Doc, id: string, origin?: unknown): boolean {
	const notes = notesOf(doc);
	if (!notes.has(id)) return false;
	doc.transact(() => notes.delete(id), origin);
	return true;
}

/** Longest prompt text a note may carry (prompts are short headings). */
export const NOTE_PROMPT_MAX = 200;

/**
 * The prompt a note is filed under, checked against the running phase's prompts: undefined when
 * none was asked, null when the asked prompt is not one of them (the command is then refused).
 */
export function matchPrompt(asked: string | undefined, prompts: readonly string[] | undefined): string | undefined | null {
	if (asked === undefined) return undefined;
	return (prompts ?? []).includes(asked) ? asked : null;
}

/** Where a new note lands when its author does not place it: a loose grid, newest last. */
export function nextNotePosition(count: number): { x: number; y: number } {
	const perRow = 8;
	return clampPosition(40 + (count % perRow) * 220, 40 + Math.floor(count / perRow) * 180);
}
