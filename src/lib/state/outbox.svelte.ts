import type { Socket } from 'socket.io-client';
import { newClientId } from '$lib/sync/ids';
import type { CommandResult, NoteAddResult } from '$lib/protocol/live';
import type { ErrorCode } from '$lib/protocol/errors';
import { toErrorCode, type LiveChannel } from './live.svelte';

export interface PendingIdea {
	commandId: string;
	text: string;
	/** The phase's prompt the idea is filed under (issue 12, item 4). */
	prompt?: string;
	state: 'sending' | 'waiting';
}

const ACK_TIMEOUT_MS = 10_000;
const RETRY_UNAVAILABLE_MS = 3_000;
const storageKey = (workshopId: string) => `concerto.outbox.${workshopId}`;

/**
 * A participant's ideas on their way to the server. Each keeps its command id until the
 * server acknowledges it, across disconnections and page reloads (localStorage), so a retry
 * is applied once. The note itself comes back through sync.
 */
export class IdeaOutbox {
	pending = $state<PendingIdea[]>([]);
	connected = $state(false);
	/** The last refusal, as an error code to translate (`error.<code>`). */
	error = $state<ErrorCode | null>(null);
	/** Text of the last refused idea, so the form can offer it again. */
	refusedText = $state<string | null>(null);
	/** Bumped on every accepted idea (lets the form say "sent"). */
	accepted = $state(0);

	readonly #workshopId: string;
	readonly #live: LiveChannel;
	#socket: Socket | null = null;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
	readonly #inflight = new Set<string>();

	constructor(live: LiveChannel) {
		this.#live = live;
		this.#workshopId = live.workshopId;
	}

	/** Browser only, once the channel is connecting: ideas kept from an earlier visit go out on connect. */
	attach(): void {
		this.#restore();
		const socket = this.#live.socket;
		if (!socket) return;
		socket.on('connect', () => {
			this.connected = true;
			this.error = null;
			for (const p of this.pending) this.#emit(p.commandId);
		});
		socket.on('disconnect', (reason) => {
			this.connected = false;
			for (const p of this.pending) p.state = 'waiting';
			// The server ends a socket when this person's rights change (promoted, removed):
			// socket.io does not retry that on its own. A new handshake gets the new rights, or
			// a refusal the page shows.
			if (reason === 'io server disconnect') socket.connect();
		});
		socket.on('connect_error', () => {
			this.connected = false;
			if (this.#live.refused) this.error = this.#live.refused;
		});
		this.#socket = socket;
	}

	send(text: string, prompt?: string): void {
		const idea: PendingIdea = { commandId: newClientId(), text, ...(prompt ? { prompt } : {}), state: 'waiting' };
		this.pending.push(idea);
		this.error = null;
		this.refusedText = null;
		this.#save();
		this.#emit(idea.commandId);
	}

	#emit(commandId: string): void {
		const socket = this.#socket;
		const idea = this.pending.find((p) => p.commandId === commandId);
		if (!socket?.connected || !idea || this.#inflight.has(commandId)) return;
		this.#inflight.add(commandId);
		idea.state = 'sending';
		socket
			.timeout(ACK_TIMEOUT_MS)
			.emit('note.add', { commandId, text: idea.text, ...(idea.prompt ? { prompt: idea.prompt } : {}) }, (err: Error | null, res: CommandResult<NoteAddResult>) => {
				this.#inflight.delete(commandId);
				const still = this.pending.find((p) => p.commandId === commandId);
				if (!still) return;
				if (err) {
					// No answer (timeout or lost connection): keep it; resend now or on reconnect.
					still.state = 'waiting';
					if (socket.connected) this.#emit(commandId);
					return;
				}
				if (!res.ok && res.error.code === 'unavailable') {
					// Not stored yet (the server's database is away): keep it, say so, try again.
					still.state = 'waiting';
					this.error = 'unavailable';
					setTimeout(() => this.#emit(commandId), RETRY_UNAVAILABLE_MS);
					return;
				}
				this.pending = this.pending.filter((p) => p.commandId !== commandId);
				this.#save();
				if (res.ok) {
					this.accepted++;
					this.error = null;
				}
				else {
					this.error = toErrorCode(res.error.code);
					this.refusedText = still.text;
				}
			});
	}

	#save(): void {
		try {
			const ideas = this.pending.map(({ commandId, text }) => ({ commandId, text }));
			if (ideas.length) localStorage.setItem(storageKey(this.#workshopId), JSON.stringify(ideas));
			else localStorage.removeItem(storageKey(this.#workshopId));
		} catch {
			// Private browsing or a full quota: the outbox still works for this page's life.
		}
	}

	#restore(): void {
		try {
			const raw: unknown = JSON.parse(localStorage.getItem(storageKey(this.#workshopId)) ?? '[]');
			if (!Array.isArray(raw)) return;
			for (const item of raw as Partial<PendingIdea>[]) {
				if (typeof item?.commandId === 'string' && typeof item.text === 'string')
					this.pending.push({
						commandId: item.commandId,
						text: item.text,
						...(typeof item.prompt === 'string' && item.prompt ? { prompt: item.prompt } : {}),
						state: 'waiting'
					});
			}
		} catch {
			// Unreadable storage: nothing to restore.
		}
	}
}
