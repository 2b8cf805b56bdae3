import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import { getContext, setContext } from 'svelte';
import { connectSync, fetchFirstState, openSyncEarly, type ConnectionStatus } from '$lib/sync/provider';
import type { EarlySocket } from '$lib/sync/early-socket';
import { newClientId } from '$lib/sync/ids';
import { onNetworkChange } from '$lib/sync/network';
import { markOnce } from '$lib/perf/marks';
import { clampPosition, cleanNoteText, insertNote, nextNotePosition, removeNote, updateNote, type Note, type NoteColor } from '$lib/domain/board/notes';
import { boardMaps, readBoard, type Board } from '$lib/domain/board/board';
import {
	assignNotes,
	createCluster,
	dissolveCluster,
	mergeClusters,
	repairClusters,
	strandedNotes,
	updateCluster,
	type Cluster
} from '$lib/domain/board/clusters';
import type { Category } from '$lib/domain/workshop/categories';

/** Who writes directly in the document (facilitators and editors; participants go through live). */
export interface BoardAuthor {
	id: string;
	category?: Category | 'facilitator';
}

/** The origin of the first state's transaction (not this page's own write: never undone). */
const FIRST_STATE = Symbol('first-state');

const EMPTY: Board = { notes: [], clusters: [], personas: [], scales: [], sections: [] };

/**
 * One workshop board in the browser: its Y.Doc, the sync provider and the board as runes.
 * Made per page (never a module singleton: on the server that would be shared by users).
 * Components read `board`/`notes`/`clusters`… and call the typed helpers below; none
 * touches the document itself. Writers get undo/redo of their own changes only: the undo
 * manager tracks this page's local transactions, never what arrives from others.
 */
export class BoardState {
	readonly doc = new Y.Doc();
	board = $state.raw<Board>(EMPTY);
	notes = $derived(this.board.notes);
	clusters = $derived(this.board.clusters);
	personas = $derived(this.board.personas);
	scales = $derived(this.board.scales);
	sections = $derived(this.board.sections);
	status = $state<ConnectionStatus>('connecting');
	synced = $state(false);
	/** Notes that appeared since the last refresh, after the first sync (for announcements). */
	arrivals = $state.raw<Note[]>([]);
	canUndo = $state(false);
	canRedo = $state(false);

	#provider: WebsocketProvider | null = null;
	/** The sync socket opened before its provider, until the provider takes it. */
	#early: EarlySocket | undefined;
	#unwatch: () => void = () => {};
	#repairTimer: ReturnType<typeof setTimeout> | undefined;
	#undo: Y.UndoManager | null = null;
	#seen: Set<string> | null = null;
	#scheduled = false;

	readonly workshopId: string;
	readonly #author: BoardAuthor | null;

	constructor(workshopId: string, author: BoardAuthor | null = null) {
		this.workshopId = workshopId;
		this.#author = author;
		// Many updates can land in one tick (initial sync, a burst of notes): read the board once.
		this.doc.on('update', () => {
			if (this.#scheduled) return;
			this.#scheduled = true;
			queueMicrotask(() => this.#refresh());
		});
		if (author) {
			// Only this page's own writes (origin null or this state) are undoable; a gap of
			// half a second separates two steps, so one drag or one merge is one undo.
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- Yjs's own option, never rendered
			this.#undo = new Y.UndoManager(boardMaps(this.doc), { captureTimeout: 500, trackedOrigins: new Set([null, this]) });
			const track = () => {
				this.canUndo = this.#undo!.undoStack.length > 0;
				this.canRedo = this.#undo!.redoStack.length > 0;
			};
			this.#undo.on('stack-item-added', track);
			this.#undo.on('stack-item-popped', track);
			this.#undo.on('stack-cleared', track);
		}
	}

	/** The sync connection's awareness (presence, cursors), once connected. */
	get awareness(): Awareness | null {
		return this.#provider?.awareness ?? null;
	}

	/**
	 * Browser only: opens the sync connection. With `firstState` (a phone's page, which preloads
	 * it), the document's state comes first over HTTP, compressed, and the socket's first sync
	 * brings only what changed since. The socket waits for it (it is already on its way, preloaded
	 * with the scripts): opened first, its sync would ask for the whole document, uncompressed (a
	 * 1,000-note board: 250 kB instead of 0.2 kB, seconds on a slow network). Without it (refused,
	 * failed, too slow) the socket's sync brings everything, as on any other page.
	 */
	connect({ firstState = false }: { firstState?: boolean } = {}): void {
		markOnce('sync-connect');
		// The socket's handshake runs while the state comes; its first sync waits for the state.
		const early = firstState ? openSyncEarly(this.workshopId) : undefined;
		this.#early = early;
		const provider = connectSync(this.workshopId, this.doc, { connect: !firstState, early });
		if (firstState)
			void fetchFirstState(this.workshopId).then((update) => {
				if (this.#provider !== provider) return; // destroyed meanwhile
				try {
					if (update) Y.applyUpdateV2(this.doc, update, FIRST_STATE);
				} catch {
					// Not a state this page can read (say, from a server updated since the page came):
					// the socket's first sync brings everything instead.
				}
				provider.connect();
			});
		provider.on('status', ({ status }) => {
			if (status === 'connected') markOnce('sync-open');
			this.status = status;
		});
		// The first sync's arrival (decoding starts inside the transaction) and its end.
		this.doc.once('beforeTransaction', () => markOnce('sync-message'));
		this.doc.once('update', () => markOnce('yjs-applied'));
		provider.on('sync', (synced) => {
			if (synced) markOnce('synced');
			if (synced && !this.#seen) {
				// What is there at the first sync is history, not news: only later notes are announced.
				this.#refresh();
				// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
				this.#seen = new Set(this.notes.map((n) => n.id));
			}
			this.synced = synced;
		});
		// Writers' changes made offline wait in the document and go out on reconnect.
		this.#unwatch = onNetworkChange(
			() => provider.connect(),
			() => provider.disconnect()
		);
		this.#provider = provider;
	}

	destroy(): void {
		clearTimeout(this.#repairTimer);
		this.#unwatch();
		this.#undo?.destroy();
		this.#early?.discard();
		this.#provider?.destroy();
		this.#provider = null;
		this.doc.destroy();
	}

	#refresh(): void {
		this.#scheduled = false;
		if (this.#author && this.synced && !this.#repairTimer && strandedNotes(this.doc).length > 0) this.#scheduleRepair();
		const board = readBoard(this.doc);
		if (board.notes.length > 0) markOnce('board-read');
		this.board = board;
		if (!this.#seen) return;
		const fresh = board.notes.filter((n) => !this.#seen!.has(n.id));
		for (const n of fresh) this.#seen.add(n.id);
		if (fresh.length > 0) this.arrivals = fresh;
	}

	/**
	 * A writer repairs what concurrent edits may have left (a note in a cluster removed on
	 * another screen). Every writer would write the same values, so repairs converge; a random
	 * wait lets the first screen's repair reach the others before they write it again.
	 */
	#scheduleRepair(): void {
		this.#repairTimer = setTimeout(() => {
			this.#repairTimer = undefined;
			if (this.#provider) repairClusters(this.doc, Date.now(), 'repair');
		}, 300 + Math.random() * 2000);
	}

	#requireAuthor(): BoardAuthor {
		if (!this.#author) throw new Error('this board is read-only here');
		return this.#author;
	}

	/**
	 * Adds a note (at the next free grid place unless given one); returns its id, or null when
	 * the text is empty or too long. `onBehalf` writes it for someone without a phone.
	 */
	add(text: string, options: { x?: number; y?: number; color?: NoteColor; clusterId?: string; onBehalf?: { category: Category } } = {}): string | null {
		const author = this.#requireAuthor();
		const clean = cleanNoteText(text);
		if (clean === null) return null;
		const now = Date.now();
		const at = options.x !== undefined && options.y !== undefined ? clampPosition(options.x, options.y) : nextNotePosition(this.notes.length);
		const id = newClientId();
		insertNote(this.doc, {
			id,
			text: clean,
			...at,
			color: options.color ?? 'yellow',
			authorId: options.onBehalf ? '' : author.id,
			authorCategory: options.onBehalf?.category ?? author.category ?? 'facilitator',
			createdAt: now,
			updatedAt: now,
			...(options.clusterId ? { clusterId: options.clusterId } : {}),
			// The person's name, if given, goes to the server apart (note.proxyName): never in the document.
			...(options.onBehalf ? { proxy: {} } : {})
		});
		return id;
	}

	/** Saves a note's text; refuses empty or too-long text (the caller shows the old text again). */
	edit(id: string, text: string): boolean {
		this.#requireAuthor();
		const clean = cleanNoteText(text);
		if (clean === null) return false;
		const current = this.notes.find((n) => n.id === id);
		if (current?.text === clean) return true;
		return updateNote(this.doc, id, { text: clean }, Date.now());
	}

	/** Writes final positions only (drags travel as awareness, so the log stays small). */
	move(id: string, x: number, y: number): void {
		this.moveMany([{ id, x, y }]);
	}

	moveMany(moves: readonly { id: string; x: number; y: number }[]): void {
		this.#requireAuthor();
		const now = Date.now();
		this.doc.transact(() => {
			for (const m of moves) updateNote(this.doc, m.id, { ...clampPosition(m.x, m.y), clusterId: null }, now);
		});
	}

	recolor(ids: readonly string[], color: NoteColor): void {
		this.#requireAuthor();
		const now = Date.now();
		this.doc.transact(() => ids.forEach((id) => updateNote(this.doc, id, { color }, now)));
	}

	remove(id: string): void {
		this.removeMany([id]);
	}

	removeMany(ids: readonly string[]): void {
		this.#requireAuthor();
		this.doc.transact(() => ids.forEach((id) => removeNote(this.doc, id)));
	}

	/** Makes a cluster (and puts `noteIds` in it); returns its id. */
	createCluster(label: string, noteIds: readonly string[] = [], at?: { x: number; y: number }): string {
		this.#requireAuthor();
		const id = newClientId();
		const now = Date.now();
		this.doc.transact(() => {
			createCluster(this.doc, { id, label, now, ...(at ?? {}) });
			if (noteIds.length) assignNotes(this.doc, noteIds, id, now);
		});
		return id;
	}

	/** Creates several clusters at once (accepting suggestions): one undo step. */
	createClusters(groups: readonly { label: string; noteIds: readonly string[]; at?: { x: number; y: number } }[]): void {
		this.#requireAuthor();
		this.doc.transact(() => groups.forEach((g) => this.createCluster(g.label, g.noteIds, g.at)));
	}

	updateCluster(id: string, patch: Partial<Pick<Cluster, 'label' | 'color' | 'x' | 'y'>>): boolean {
		this.#requireAuthor();
		return updateCluster(this.doc, id, patch);
	}

	/** Puts notes into a cluster, or takes them out with null. */
	cluster(noteIds: readonly string[], clusterId: string | null): number {
		this.#requireAuthor();
		return assignNotes(this.doc, noteIds, clusterId, Date.now());
	}

	mergeClusters(intoId: string, fromIds: readonly string[]): boolean {
		this.#requireAuthor();
		return mergeClusters(this.doc, intoId, fromIds, Date.now());
	}

	dissolveCluster(id: string): boolean {
		this.#requireAuthor();
		return dissolveCluster(this.doc, id, Date.now());
	}

	/** Runs a write through the typed helpers of the domain (personas, sections…) as one undo step. */
	write(change: (doc: Y.Doc) => void): void {
		this.#requireAuthor();
		this.doc.transact(() => change(this.doc));
	}

	undo(): void {
		this.#undo?.undo();
	}

	redo(): void {
		this.#undo?.redo();
	}
}

const KEY = Symbol('concerto.board');

export function setBoard(board: BoardState): BoardState {
	return setContext(KEY, board);
}

export function getBoard(): BoardState {
	const board = getContext<BoardState | undefined>(KEY);
	if (!board) throw new Error('getBoard() outside a board');
	return board;
}
