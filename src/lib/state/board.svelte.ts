import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { getContext, setContext } from 'svelte';
import { connectSync, type ConnectionStatus } from '$lib/sync/provider';
import { newClientId } from '$lib/sync/ids';
import {
	clampPosition,
	cleanNoteText,
	insertNote,
	nextNotePosition,
	readNotes,
	removeNote,
	updateNote,
	type Note
} from '$lib/domain/board/notes';

/** Who writes notes directly in the document (facilitators; participants go through live). */
export interface BoardAuthor {
	id: string;
}

/**
 * One workshop board in the browser: its Y.Doc, the sync provider and the notes as runes.
 * Made per page (never a module singleton: on the server that would be shared by users).
 * Components read `notes` and call the typed helpers; none touches the document itself.
 */
export class BoardState {
	readonly doc = new Y.Doc();
	notes = $state.raw<Note[]>([]);
	status = $state<ConnectionStatus>('connecting');
	synced = $state(false);
	/** Notes that appeared since the last refresh, after the first sync (for announcements). */
	arrivals = $state.raw<Note[]>([]);

	#provider: WebsocketProvider | null = null;
	#seen: Set<string> | null = null;
	#scheduled = false;

	readonly workshopId: string;
	readonly #author: BoardAuthor | null;

	constructor(workshopId: string, author: BoardAuthor | null = null) {
		this.workshopId = workshopId;
		this.#author = author;
		// Many updates can land in one tick (initial sync, a burst of notes): read the notes once.
		this.doc.on('update', () => {
			if (this.#scheduled) return;
			this.#scheduled = true;
			queueMicrotask(() => this.#refresh());
		});
	}

	/** Browser only: opens the sync connection. */
	connect(): void {
		const provider = connectSync(this.workshopId, this.doc);
		provider.on('status', ({ status }) => (this.status = status));
		provider.on('sync', (synced) => {
			if (synced && !this.#seen) {
				// What is there at the first sync is history, not news: only later notes are announced.
				this.#refresh();
				// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
				this.#seen = new Set(this.notes.map((n) => n.id));
			}
			this.synced = synced;
		});
		this.#provider = provider;
	}

	destroy(): void {
		this.#provider?.destroy();
		this.#provider = null;
		this.doc.destroy();
	}

	#refresh(): void {
		this.#scheduled = false;
		const notes = readNotes(this.doc);
		this.notes = notes;
		if (!this.#seen) return;
		const fresh = notes.filter((n) => !this.#seen!.has(n.id));
		for (const n of fresh) this.#seen.add(n.id);
		if (fresh.length > 0) this.arrivals = fresh;
	}

	#requireAuthor(): BoardAuthor {
		if (!this.#author) throw new Error('this board is read-only here');
		return this.#author;
	}

	/** Adds a note at the next free grid place; returns false when the text is empty or too long. */
	add(text: string): boolean {
		const author = this.#requireAuthor();
		const clean = cleanNoteText(text);
		if (clean === null) return false;
		const now = Date.now();
		const at = nextNotePosition(this.notes.length);
		insertNote(this.doc, {
			id: newClientId(),
			text: clean,
			...at,
			color: 'yellow',
			authorId: author.id,
			authorCategory: 'facilitator',
			createdAt: now,
			updatedAt: now
		});
		return true;
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

	/** Writes a final position only (drags travel as local state, so the log stays small). */
	move(id: string, x: number, y: number): void {
		this.#requireAuthor();
		updateNote(this.doc, id, clampPosition(x, y), Date.now());
	}

	remove(id: string): void {
		this.#requireAuthor();
		removeNote(this.doc, id);
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
