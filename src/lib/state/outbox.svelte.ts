import type { Socket } from 'socket.io-client';
import { connectLive } from '$lib/sync/live';
import { newClientId } from '$lib/sync/ids';
import type { CommandResult, HandshakeRefusal, NoteAddResult } from '$lib/protocol/live';
import { ERROR_CODES, type ErrorCode } from '$lib/protocol/errors';

export interface PendingIdea {
	commandId: string;
	text: string;
	state: 'sending' | 'waiting';
}

const ACK_TIMEOUT_MS = 10_000;
const storageKey = (workshopId: string) => `concerto.outbox.${workshopId}`;
const toCode = (c: unknown): ErrorCode => ((ERROR_CODES as readonly unknown[]).includes(c) ? (c as ErrorCode) : 'internal');

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
	#socket: Socket | null = null;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
	readonly #inflight = new Set<string>();

	constructor(workshopId: string) {
		this.#workshopId = workshopId;
	}

	/** Browser only. */
	connect(): void {
		this.#restore();
		const socket = connectLive(this.#workshopId);
		socket.on('connect', () => {
			this.connected = true;
			this.error = null;
			for (const p of this.pending) this.#emit(p.commandId);
		});
		socket.on('disconnect', () => {
			this.connected = false;
			for (const p of this.pending) p.state = 'waiting';
		});
		socket.on('connect_error', (err: Error & { data?: HandshakeRefusal }) => {
			this.connected = false;
			if (!err.data?.code) return; // a network error: socket.io retries by itself
			this.error = toCode(err.data.code);
			// A refused handshake is not retried by socket.io; only "unavailable" is worth a new try.
			if (err.data.code === 'unavailable') setTimeout(() => socket.connect(), 5000);
		});
		this.#socket = socket;
	}

	destroy(): void {
		this.#socket?.disconnect();
		this.#socket = null;
	}

	send(text: string): void {
		const idea: PendingIdea = { commandId: newClientId(), text, state: 'waiting' };
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
			.emit('note.add', { commandId, text: idea.text }, (err: Error | null, res: CommandResult<NoteAddResult>) => {
				this.#inflight.delete(commandId);
				const still = this.pending.find((p) => p.commandId === commandId);
				if (!still) return;
				if (err) {
					// No answer (timeout or lost connection): keep it; resend now or on reconnect.
					still.state = 'waiting';
					if (socket.connected) this.#emit(commandId);
					return;
				}
				this.pending = this.pending.filter((p) => p.commandId !== commandId);
				this.#save();
				if (res.ok) this.accepted++;
				else {
					this.error = toCode(res.error.code);
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
					this.pending.push({ commandId: item.commandId, text: item.text, state: 'waiting' });
			}
		} catch {
			// Unreadable storage: nothing to restore.
		}
	}
}
