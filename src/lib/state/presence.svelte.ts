import { getContext, onMount, setContext } from 'svelte';
import type { Awareness } from 'y-protocols/awareness';
import {
	cursorsOf,
	dragsOf,
	fieldEditorsOf,
	leaderFocus,
	presenceByCategory,
	sameFocus,
	withSelf,
	type Cursor,
	type Drag,
	type EditingTarget,
	type FieldEditor,
	type Focus,
	type Leader,
	type PresenceCounts,
	type PresenceState,
	type PresenceUser
} from '$lib/domain/board/presence';

/** Cursors, drags and focus leave at most this often (about 20 a second). */
const SEND_EVERY_MS = 50;

/** Whole board units: sub-unit pans are not worth a message, and the wire stays short. */
function roundArea(a: Extract<Focus, { kind: 'area' }>): Focus {
	return { kind: 'area', x: Math.round(a.x), y: Math.round(a.y), width: Math.max(1, Math.round(a.width)), height: Math.max(1, Math.round(a.height)) };
}

const NOBODY: PresenceCounts = { total: 0, categories: { agent: 0, usager: 0, elu: 0, expert: 0, autre: 0 }, facilitators: 0, screens: 0 };

export interface PresenceOptions {
	/** A projector tab: counted as a screen; it sends nothing else. */
	screen?: boolean;
}

/**
 * Presence on one board page, over the sync provider's awareness: who is here, others'
 * cursors and drags, and the leading facilitator's focus, as runes. What this page sends
 * depends on who it is: facilitators send cursor, drags and (when leading) their focus;
 * editors cursor and drags; participants, observers and screens only their (empty) state,
 * which is what counts them. Make it once the board is connected; `destroy()` when the page goes.
 */
export class Presence {
	byCategory = $state.raw<PresenceCounts>(NOBODY);
	cursors = $state.raw<Cursor[]>([]);
	drags = $state.raw<Drag[]>([]);
	/** The facilitator being followed, if any facilitator leads (this page included). */
	leader = $state.raw<Leader | null>(null);
	/** Whether this page leads ("follow me" on). */
	leading = $state(false);
	/** Who else is typing in which persona field. */
	editing = $state.raw<FieldEditor[]>([]);

	readonly #awareness: Awareness;
	readonly #self: PresenceUser;
	readonly #writer: boolean;
	readonly #facilitator: boolean;
	readonly #screen: boolean;
	#pending: Partial<PresenceState> = {};
	#timer: ReturnType<typeof setTimeout> | null = null;
	#lastSent = 0;
	#focus: Focus | null = null;
	readonly #onChange = () => this.#read();

	constructor(awareness: Awareness, self: PresenceUser, options: PresenceOptions = {}) {
		this.#awareness = awareness;
		this.#self = self;
		const screen = options.screen === true;
		this.#screen = screen || self.role === 'observer';
		this.#facilitator = self.role === 'facilitator' && !screen;
		this.#writer = this.#facilitator || (self.role === 'editor' && !screen);
		// Announce now: a fresh awareness state has clock 0, which peers ignore (y-protocols
		// applies only newer clocks), so an untouched page would be counted only at its first
		// renewal, 15 s later. Setting it again, even unchanged, makes it clock 1 and sends it.
		const local = awareness.getLocalState();
		if (local) awareness.setLocalState(screen ? { ...local, screen: true } : { ...local });
		awareness.on('change', this.#onChange);
		this.#read();
	}

	/** Where this page's pointer is on the board (board units), or null when it leaves. */
	setCursor(at: { x: number; y: number } | null): void {
		if (!this.#writer) return;
		this.#send({ cursor: at ? { x: Math.round(at.x), y: Math.round(at.y) } : null }, at === null);
	}

	/** Notes being dragged and by how much (board units), or null at the drop. */
	setDrag(drag: { ids: readonly string[]; dx: number; dy: number } | null): void {
		if (!this.#writer) return;
		this.#send({ drag: drag ? { ids: [...drag.ids], dx: Math.round(drag.dx), dy: Math.round(drag.dy) } : null }, drag === null);
	}

	/**
	 * The persona field this page's person is typing in, or null when they leave it: others see
	 * it is taken before they type over it. Sent at once (it changes only on focus and blur).
	 */
	setEditing(target: EditingTarget | null): void {
		if (this.#screen) return;
		this.#send({ editing: target ? { personaId: target.personaId, field: target.field } : null }, true);
	}

	/**
	 * Facilitator: starts leading with `focus` (or moves it), or stops with null. Everyone who
	 * follows sees what `focus` shows.
	 */
	lead(focus: Focus | null): void {
		if (!this.#facilitator) return;
		if (focus?.kind === 'area') focus = roundArea(focus);
		if (focus) this.#focus = focus;
		this.leading = focus !== null;
		if (!focus) return this.#send({ lead: null }, true);
		// What will be on the wire once the pending fields leave, not what left last time.
		const current = 'lead' in this.#pending ? this.#pending.lead : (this.#awareness.getLocalState() as PresenceState | null)?.lead;
		if (current && sameFocus(current.focus, focus)) return;
		this.#send({ lead: { focus, at: Date.now() } }, false);
	}

	/**
	 * Facilitator's board: call on every viewport or selection change with what it now shows.
	 * Sent only while leading, so the canvas may call it freely.
	 */
	focusChanged(focus: Focus): void {
		this.#focus = focus;
		if (this.leading) this.lead(focus);
	}

	/** "Follow me" on or off, from the last focus the board reported (or the next one). */
	toggleLeading(): void {
		if (!this.#facilitator) return;
		if (this.leading) return this.lead(null);
		if (this.#focus) return this.lead(this.#focus);
		this.leading = true;
	}

	destroy(): void {
		this.#awareness.off('change', this.#onChange);
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		// The page goes but the connection may stay (another view of the same board): leave no ghost.
		if (this.#writer && this.#awareness.getLocalState()) {
			const local = this.#awareness.getLocalState() as PresenceState;
			this.#awareness.setLocalState({ ...local, ...this.#pending, cursor: null, drag: null, lead: null, editing: null });
		} else if (this.#awareness.getLocalState()?.editing) {
			this.#awareness.setLocalState({ ...this.#awareness.getLocalState(), editing: null });
		}
	}

	/** Merges `fields` into what leaves next; at most one awareness update per interval. */
	#send(fields: Partial<PresenceState>, now: boolean): void {
		this.#pending = { ...this.#pending, ...fields };
		const wait = this.#lastSent + SEND_EVERY_MS - Date.now();
		if (now || wait <= 0) return this.#flush();
		this.#timer ??= setTimeout(() => this.#flush(), wait);
	}

	#flush(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		const local = this.#awareness.getLocalState();
		if (local) this.#awareness.setLocalState({ ...local, ...this.#pending });
		this.#pending = {};
		this.#lastSent = Date.now();
	}

	#read(): void {
		const states = withSelf(this.#awareness.getStates(), this.#awareness.clientID, this.#self);
		const counts = presenceByCategory(states);
		if (JSON.stringify(counts) !== JSON.stringify(this.byCategory)) this.byCategory = counts;
		// Most changes are someone's cursor; an empty list stays the same object, so nothing redraws.
		const cursors = cursorsOf(states, this.#awareness.clientID);
		if (cursors.length || this.cursors.length) this.cursors = cursors;
		const drags = dragsOf(states, this.#awareness.clientID);
		if (drags.length || this.drags.length) this.drags = drags;
		const editing = fieldEditorsOf(states, this.#awareness.clientID);
		// Cursors move many times a second: the list is replaced only when it changed.
		if (JSON.stringify(editing) !== JSON.stringify(this.editing)) this.editing = editing;
		const leader = leaderFocus(states);
		const was = this.leader;
		if (!leader || !was || leader.clientId !== was.clientId || !sameFocus(leader.focus, was.focus)) this.leader = leader;
	}
}

/**
 * A page's Presence, made once its board is connected and destroyed with the page. Call it
 * during component initialisation after `connectOnMount` (mount callbacks run in order, so the
 * provider exists by then); `current` is null during SSR and before mount.
 */
export function presenceOnMount(board: { readonly awareness: Awareness | null }, self: PresenceUser, options: PresenceOptions = {}): { readonly current: Presence | null } {
	let current = $state.raw<Presence | null>(null);
	onMount(() => {
		const awareness = board.awareness;
		if (!awareness) return;
		const presence = new Presence(awareness, self, options);
		current = presence;
		return () => {
			presence.destroy();
			current = null;
		};
	});
	return {
		get current() {
			return current;
		}
	};
}

export type PresenceHolder = ReturnType<typeof presenceOnMount>;

const KEY = Symbol('concerto.presence');

/** Shares a page's presence with the components of its board (the canvas sends the cursor). */
export function setPresence(holder: PresenceHolder): PresenceHolder {
	return setContext(KEY, holder);
}

/** The page's presence holder; its `current` is null until mounted. */
export function getPresence(): PresenceHolder {
	const holder = getContext<PresenceHolder | undefined>(KEY);
	if (!holder) throw new Error('getPresence() outside a board with presence');
	return holder;
}
