import type { Socket } from 'socket.io-client';
import { connectLive } from '$lib/sync/live';
import { onNetworkChange } from '$lib/sync/network';
import { markOnce } from '$lib/perf/marks';
import { newClientId } from '$lib/sync/ids';
import type { CommandName, CommandResult, HandshakeRefusal, HiddenNote, LiveCommands, MyPoll, MyVotes, PhaseView, PollState, VoteState, WorkshopState } from '$lib/protocol/live';
import { currentIndex } from '$lib/domain/agenda/timer';
import { ERROR_CODES, type ErrorCode } from '$lib/protocol/errors';
import type { DecisionsView } from '$lib/domain/decisions/decision';
import type { MyPlacements, PrioritiesState } from '$lib/protocol/priorities';
import type { AfficheEvents, AfficheView } from '$lib/protocol/affiche';
import type { ReadinessState, TableEvents, TablesView } from '$lib/protocol/tables';
import type { Role } from '$lib/domain/permissions/roles';

const ACK_TIMEOUT_MS = 10_000;
const CONNECT_WAIT_MS = 5_000;

/** True once `socket` is connected, false if it is not within `ms` (it is offline or refused). */
function connectedWithin(socket: Socket, ms: number): Promise<boolean> {
	if (socket.connected) return Promise.resolve(true);
	return new Promise((resolve) => {
		const done = (ok: boolean) => {
			clearTimeout(timer);
			socket.off('connect', onConnect);
			resolve(ok);
		};
		const onConnect = () => done(true);
		const timer = setTimeout(() => done(false), ms);
		socket.on('connect', onConnect);
	});
}
export const toErrorCode = (c: unknown): ErrorCode => ((ERROR_CODES as readonly unknown[]).includes(c) ? (c as ErrorCode) : 'internal');

type InputOf<N extends CommandName> = Omit<LiveCommands[N]['input'], 'commandId'>;

/**
 * A page's one live connection to its workshop: the socket, what the server pushes (agenda,
 * clock, controls, one's hidden notes, calls for attention) and commands with their answers.
 * Made per page, connected in the browser only.
 */
export class LiveChannel {
	connected = $state(false);
	/** Why the server refused the connection, as an error code to translate. */
	refused = $state<ErrorCode | null>(null);
	workshop = $state.raw<WorkshopState | null>(null);
	/** The phase the clock is on (null before the agenda has one); every view's mode follows it. */
	phase = $derived.by((): PhaseView | null => {
		const state = this.workshop;
		return state ? (state.phases[currentIndex(state.timer, state.phases)] ?? null) : null;
	});
	hiddenNotes = $state.raw<HiddenNote[]>([]);
	/** The vote shown (the one on, or the last revealed): counts only until the reveal. */
	vote = $state.raw<VoteState | null>(null);
	/** This person's own dots in that vote, as the server stored them. */
	myVotes = $state.raw<MyVotes | null>(null);
	/** The poll shown (the one on, or the last revealed): counts only until the reveal, unless live. */
	poll = $state.raw<PollState | null>(null);
	/** This person's own answer in that poll, as the server stored it. */
	myPoll = $state.raw<MyPoll | null>(null);
	/** Bumped when the server ends this socket because this person's rights changed (promoted, removed). */
	rightsChanged = $state(0);
	/** Bumped on each "everyone look here". */
	attention = $state(0);
	/** The decisions and commitments, and the owners (pushed on connect and after every change). */
	decisions = $state.raw<DecisionsView | null>(null);
	/** Facilitators only: who each proxy note was written for, by note id. */
	proxyNames = $state.raw<Record<string, string>>({});
	/** The priorities matrix shown (the phase on, or the last one placed in): medians and confirmed list. */
	priorities = $state.raw<PrioritiesState | null>(null);
	/** This person's own placements on that matrix, as the server stored them. */
	myPlacements = $state.raw<MyPlacements | null>(null);
	/** The affiche once submitted to the room (facilitators: also the draft, with the proposals). */
	affiche = $state.raw<AfficheView | null>(null);
	/** This participant's own answer to the affiche (compare its version with the one shown). */
	myAffiche = $state.raw<AfficheEvents['affiche.mine']>(null);
	/** The table plan (null: none) and the "j'ai fini" counts of the phase run on; one's own answer. */
	tables = $state.raw<TablesView | null>(null);
	readiness = $state.raw<ReadinessState | null>(null);
	myReadiness = $state.raw<TableEvents['readiness.mine']>(null);
	/** Server clock minus this device's clock: cheap phones are often minutes off. */
	offsetMs = $state(0);

	readonly workshopId: string;
	/** The role the page was rendered for, on a page that reloads when it changes (see LiveAuth). */
	readonly #renderedAs: Role | undefined;
	#socket: Socket | null = null;
	#unwatch: () => void = () => {};

	constructor(workshopId: string, renderedAs?: Role) {
		this.workshopId = workshopId;
		this.#renderedAs = renderedAs;
	}

	get socket(): Socket | null {
		return this.#socket;
	}

	connect(): Socket {
		const socket = connectLive(this.workshopId, this.#renderedAs);
		socket.on('connect', () => {
			markOnce('live-open');
			this.connected = true;
			this.refused = null;
		});
		socket.on('disconnect', (reason) => {
			this.connected = false;
			if (reason === 'io server disconnect') this.rightsChanged++;
		});
		socket.on('connect_error', (err: Error & { data?: HandshakeRefusal }) => {
			this.connected = false;
			if (!err.data?.code) return; // a network error: socket.io retries by itself
			this.refused = toErrorCode(err.data.code);
			// A refused handshake is not retried by socket.io. Two refusals pass: the server was busy,
			// or this address opened too many connections at once (a room behind one Wi-Fi after a
			// cut) — tried again a few seconds later, spread out so the room does not come back at once.
			if (err.data.code === 'unavailable' || err.data.code === 'rate_limited') setTimeout(() => socket.connect(), 3000 + Math.random() * 4000);
		});
		socket.on('workshop.state', (state: WorkshopState) => {
			markOnce('live-state');
			this.offsetMs = state.serverNow - Date.now();
			this.workshop = state;
		});
		socket.on('notes.hidden', (notes: HiddenNote[]) => (this.hiddenNotes = notes));
		socket.on('vote.state', (vote: VoteState | null) => (this.vote = vote));
		socket.on('vote.mine', (mine: MyVotes) => (this.myVotes = mine));
		socket.on('poll.state', (poll: PollState | null) => (this.poll = poll));
		socket.on('poll.mine', (mine: MyPoll) => (this.myPoll = mine));
		socket.on('room.attention', () => this.attention++);
		socket.on('decisions', (view: DecisionsView) => (this.decisions = view));
		socket.on('proxy.names', (names: Record<string, string>) => (this.proxyNames = names));
		socket.on('priorities.state', (state: PrioritiesState | null) => (this.priorities = state));
		socket.on('priorities.mine', (mine: MyPlacements) => (this.myPlacements = mine));
		socket.on('affiche.state', (view: AfficheView | null) => (this.affiche = view));
		socket.on('affiche.mine', (mine: AfficheEvents['affiche.mine']) => (this.myAffiche = mine));
		socket.on('tables.state', (view: TablesView | null) => (this.tables = view));
		socket.on('readiness.state', (state: ReadinessState | null) => (this.readiness = state));
		socket.on('readiness.mine', (mine: TableEvents['readiness.mine']) => (this.myReadiness = mine));
		this.#unwatch = onNetworkChange(
			() => {
				if (!this.refused) socket.connect();
			},
			() => socket.disconnect()
		);
		this.#socket = socket;
		return socket;
	}

	destroy(): void {
		this.#unwatch();
		this.#socket?.disconnect();
		this.#socket = null;
	}

	/** The server's time now, as this device best knows it. */
	serverNow(): number {
		return Date.now() + this.offsetMs;
	}

	/** Sends a command once (a fresh id) and resolves with its answer; offline or silent → unavailable. */
	async command<N extends CommandName>(name: N, input: InputOf<N>): Promise<CommandResult<LiveCommands[N]['result']>> {
		const socket = this.#socket;
		const unavailable = { ok: false as const, error: { code: 'unavailable' as const, message: 'not connected' } };
		// A click in the first moments of the page (the socket still connecting on a busy machine or
		// a slow network) waits for the connection a little instead of failing at once.
		if (!socket || !(socket.connected || (await connectedWithin(socket, CONNECT_WAIT_MS)))) return unavailable;
		return new Promise((resolve) => {
			socket
				.timeout(ACK_TIMEOUT_MS)
				.emit(name, { ...input, commandId: newClientId() }, (err: Error | null, res: CommandResult<LiveCommands[N]['result']>) =>
					resolve(err ? unavailable : res)
				);
		});
	}
}
