import { CATEGORIES, isCategory, type Category } from '../workshop/categories.ts';

/**
 * Presence over Yjs awareness: who is here, facilitators' and editors' cursors and drags, and
 * the facilitator's "follow me" focus. None of it is written to the document. The sync server
 * stamps every relayed state's `user` from the session, so `user` is trusted; every other field
 * is whatever a client sent and is read defensively here.
 */

/** What a leading facilitator is looking at: a rectangle of the board, or one item. */
export type Focus = { kind: 'area'; x: number; y: number; width: number; height: number } | { kind: 'cluster' | 'note' | 'persona'; id: string };

/** The identity the server stamps on each state (see server/sync/awareness-filter.ts). */
export interface PresenceUser {
	/** The actor's id (participant, facilitator, observer session): shared by a person's tabs. */
	id: string;
	name: string;
	/** A participant's or editor's category, else `facilitator` or `observer`. */
	category: string;
	role: string;
}

/** One client's awareness state, as this app writes it (board units for positions). */
export interface PresenceState {
	/** Stamped by the server; a client's own local state has none (see `withSelf`). */
	user?: PresenceUser;
	/** Set by a facilitator's projector tab: counted as a screen, not as a person. */
	screen?: boolean;
	cursor?: { x: number; y: number } | null;
	/** "Follow me": what the facilitator shows, and when they last moved it (ms, their clock). */
	lead?: { focus: Focus; at: number } | null;
	/** Notes being dragged, by how much: only the drop is written to the document. */
	drag?: { ids: string[]; dx: number; dy: number } | null;
	/** The persona field (or list) this person is typing in, so others see it is taken. */
	editing?: EditingTarget | null;
}

/** A persona's field (`name`, `situation`…) or list (`needs`…) that someone is typing in. */
export interface EditingTarget {
	personaId: string;
	field: string;
}

/** Someone else typing in a persona field right now. */
export interface FieldEditor extends EditingTarget {
	clientId: number;
	/** Their name as the server stamped it; '' when they gave none. */
	name: string;
}

/** Awareness states as `awareness.getStates()` gives them: client id → untrusted object. */
export type AwarenessStates = ReadonlyMap<number, unknown>;

export interface PresenceCounts {
	/** Everyone listed below, screens included. */
	total: number;
	categories: Record<Category, number>;
	facilitators: number;
	/** Projectors and observer screens. */
	screens: number;
}

export interface Cursor {
	clientId: number;
	name: string;
	x: number;
	y: number;
	color: string;
}

export interface Drag {
	clientId: number;
	ids: string[];
	dx: number;
	dy: number;
}

export interface Leader {
	clientId: number;
	name: string;
	focus: Focus;
	at: number;
}

/** Far outside the board is still a number we can draw; beyond this it is nonsense. */
const LIMIT = 1_000_000;
const ID_MAX = 64;
const DRAG_IDS_MAX = 500;

/** Dark enough for white text (WCAG AA on labels), distinct from the note colours. */
export const CURSOR_COLORS = ['#b3261e', '#0b6bcb', '#1b7f3b', '#8a3ffc', '#a05a00', '#c2185b', '#00676b', '#5d4037'] as const;

function record(v: unknown): Record<string, unknown> | null {
	return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function coordinate(v: unknown): v is number {
	return typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= LIMIT;
}

function itemId(v: unknown): v is string {
	return typeof v === 'string' && v.length > 0 && v.length <= ID_MAX;
}

function userOf(state: Record<string, unknown>): PresenceUser | null {
	const u = record(state.user);
	if (!u || typeof u.id !== 'string' || typeof u.role !== 'string' || typeof u.category !== 'string') return null;
	return { id: u.id, name: typeof u.name === 'string' ? u.name : '', category: u.category, role: u.role };
}

/** Facilitators and editors write the board, so only their cursors and drags are shown. */
function isWriter(user: PresenceUser): boolean {
	return user.role === 'facilitator' || user.role === 'editor';
}

function isScreen(user: PresenceUser, state: Record<string, unknown>): boolean {
	// Only a facilitator's session may call itself a screen; a participant cannot hide that way.
	return user.role === 'observer' || (user.role === 'facilitator' && state.screen === true);
}

/** Reads a focus sent by a client; null unless it is well formed. */
export function readFocus(v: unknown): Focus | null {
	const f = record(v);
	if (!f) return null;
	if (f.kind === 'area') {
		const { x, y, width, height } = f;
		if (!coordinate(x) || !coordinate(y) || !coordinate(width) || !coordinate(height) || width <= 0 || height <= 0) return null;
		return { kind: 'area', x, y, width, height };
	}
	if ((f.kind === 'cluster' || f.kind === 'note' || f.kind === 'persona') && itemId(f.id)) return { kind: f.kind, id: f.id };
	return null;
}

/**
 * The states with this client's own identity put on its own state: the server stamps `user`
 * only on what it relays to others, and the page knows who it is from its session.
 */
export function withSelf(states: AwarenessStates, ownClientId: number, self: PresenceUser): Map<number, unknown> {
	const out = new Map(states);
	const own = record(out.get(ownClientId));
	if (own) out.set(ownClientId, { ...own, user: self });
	return out;
}

/**
 * Who is here, by category: one person counts once however many tabs or devices they have
 * (same `user.id`); each open screen counts once. States without a stamped user are not counted.
 */
export function presenceByCategory(states: AwarenessStates): PresenceCounts {
	const categories = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
	const seen = new Set<string>();
	let facilitators = 0;
	let screens = 0;
	for (const raw of states.values()) {
		const state = record(raw);
		const user = state && userOf(state);
		if (!state || !user) continue;
		// Every open screen counts (a projector tab shares its facilitator's session, and a
		// screen's own tab cannot know its stamped id), so screens are counted per client.
		if (isScreen(user, state)) {
			screens++;
			continue;
		}
		const key = user.id;
		const counted = user.role === 'facilitator' || user.role === 'participant' || user.role === 'editor';
		if (!counted || seen.has(key)) continue;
		seen.add(key);
		if (user.role === 'facilitator') facilitators++;
		else categories[isCategory(user.category) ? user.category : 'autre']++;
	}
	const people = Object.values(categories).reduce((a, b) => a + b, 0) + facilitators;
	return { total: people + screens, categories, facilitators, screens };
}

/** A colour per person, the same on every screen and for all their tabs. */
export function cursorColor(personId: string): string {
	let h = 0;
	for (let i = 0; i < personId.length; i++) h = (h * 31 + personId.charCodeAt(i)) >>> 0;
	return CURSOR_COLORS[h % CURSOR_COLORS.length];
}

/** Facilitators' and editors' cursors (board units), without this client's own, by client id. */
export function cursorsOf(states: AwarenessStates, ownClientId: number): Cursor[] {
	const out: Cursor[] = [];
	for (const [clientId, raw] of states) {
		if (clientId === ownClientId) continue;
		const state = record(raw);
		const user = state && userOf(state);
		const cursor = state && record(state.cursor);
		if (!user || !cursor || !isWriter(user) || isScreen(user, state) || !coordinate(cursor.x) || !coordinate(cursor.y)) continue;
		out.push({ clientId, name: user.name, x: cursor.x, y: cursor.y, color: cursorColor(user.id) });
	}
	return out.sort((a, b) => a.clientId - b.clientId);
}

/** Notes that other facilitators and editors are dragging right now, with their offset. */
export function dragsOf(states: AwarenessStates, ownClientId: number): Drag[] {
	const out: Drag[] = [];
	for (const [clientId, raw] of states) {
		if (clientId === ownClientId) continue;
		const state = record(raw);
		const user = state && userOf(state);
		const drag = state && record(state.drag);
		if (!user || !drag || !isWriter(user) || !coordinate(drag.dx) || !coordinate(drag.dy) || !Array.isArray(drag.ids)) continue;
		const ids = drag.ids.filter(itemId).slice(0, DRAG_IDS_MAX);
		if (ids.length) out.push({ clientId, ids, dx: drag.dx, dy: drag.dy });
	}
	return out.sort((a, b) => a.clientId - b.clientId);
}

/**
 * The focus of the facilitator who leads ("follow me" on); when several lead, the one who moved
 * last (ties: the higher client id, so every screen picks the same). Null when nobody leads.
 */
export function leaderFocus(states: AwarenessStates): Leader | null {
	let best: Leader | null = null;
	for (const [clientId, raw] of states) {
		const state = record(raw);
		const user = state && userOf(state);
		const lead = state && record(state.lead);
		if (!user || !lead || user.role !== 'facilitator' || isScreen(user, state)) continue;
		const focus = readFocus(lead.focus);
		const at = lead.at;
		if (!focus || typeof at !== 'number' || !Number.isFinite(at)) continue;
		if (!best || at > best.at || (at === best.at && clientId > best.clientId)) best = { clientId, name: user.name, focus, at };
	}
	return best;
}

const FIELD_NAME = /^[a-zA-Z]{1,32}$/;

/**
 * Who else is typing in a persona field now (this client's own tabs included: another tab of
 * the same person is another draft). Anyone who may write personas shows it (phones too);
 * screens and observers never do.
 */
export function fieldEditorsOf(states: AwarenessStates, ownClientId: number): FieldEditor[] {
	const out: FieldEditor[] = [];
	for (const [clientId, raw] of states) {
		if (clientId === ownClientId) continue;
		const state = record(raw);
		const user = state && userOf(state);
		const editing = state && record(state.editing);
		if (!user || !editing || isScreen(user, state)) continue;
		const { personaId, field } = editing;
		if (!itemId(personaId) || typeof field !== 'string' || !FIELD_NAME.test(field)) continue;
		out.push({ clientId, name: user.name, personaId, field });
	}
	return out.sort((a, b) => a.clientId - b.clientId);
}

/** Whether two focuses show the same thing (to skip sending or scrolling again). */
export function sameFocus(a: Focus | null, b: Focus | null): boolean {
	if (!a || !b) return a === b;
	if (a.kind === 'area' || b.kind === 'area') {
		return a.kind === 'area' && b.kind === 'area' && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
	}
	return a.kind === b.kind && a.id === b.id;
}
