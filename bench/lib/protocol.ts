/** Messages between the benchmark's orchestrator and its client worker processes (IPC). */

export interface SyncClientSpec {
	/** y-websocket serverUrl: ws://…/sync for Concerto, ws://… for the reference */
	syncUrl: string;
	room: string;
	/** Origin header (the server's own origin) and Cookie header ('' for none) */
	origin: string;
	cookie: string;
	/** Writers insert notes; observers record when each note reaches them. */
	writer: boolean;
}

export interface LiveClientSpec {
	base: string;
	workshopId: string;
	cookie: string;
}

export type Request =
	| { op: 'connect'; clients: SyncClientSpec[]; concurrency: number; timeoutMs: number }
	| { op: 'counters' }
	/** Every writer of this worker inserts `count` notes at `rate`/s tagged `tag`; observers record `tag` only. */
	| { op: 'write'; tag: string; count: number; rate: number; startAt: number }
	| { op: 'collect'; tag: string }
	| { op: 'closeAll' }
	/** Writer inserts `count` notes in transactions of `batch`, then waits until it is alone with them. */
	| { op: 'seed'; client: SyncClientSpec; count: number; batch: number }
	/** A new client connects and syncs; resolves with ms until it holds `expect` notes. */
	| { op: 'syncTime'; client: SyncClientSpec; expect: number; timeoutMs: number }
	| { op: 'unseed' }
	/** A new client counts the notes whose id starts with `prefix`, waiting up to `timeoutMs` for `expect`. */
	| { op: 'countPrefix'; client: SyncClientSpec; prefix: string; expect: number; timeoutMs: number }
	| { op: 'liveConnect'; clients: LiveClientSpec[]; concurrency: number; timeoutMs: number }
	/** Closed loop (`perSecond` = 0: next command after each ack) or open loop at `perSecond` per socket. */
	| { op: 'liveRun'; tag: string; durationMs: number; perSecond: number; startAt: number }
	/** Every connected socket votes in a closed loop (next `vote.set` on each ack) from `startAt` for `durationMs`. */
	| { op: 'voteRun'; tag: string; durationMs: number; startAt: number; itemIds: string[]; dots: number; cap: number }
	| { op: 'liveClose' };

export interface ConnectReply {
	connected: number;
	failed: number;
	errors: string[];
	ms: number;
}

export interface Counters {
	messages: number;
	bytes: number;
	notesSeen: number;
	disconnects: number;
	/** events for a note this observer had already seen (should stay 0) */
	duplicates: number;
	lastMessageAt: number;
	/** deliveries of the current tag so far */
	delivered?: number;
}

export interface WriteReply {
	written: number;
	firstAt: number;
	lastAt: number;
	/** how late the writers' timers fired, p99 in ms (a busy client machine shows here) */
	lateP99: number;
}

export interface CollectReply {
	latencies: number[];
	/** deliveries of this tag expected (observers × notes written, known by the orchestrator) are counted there */
	delivered: number;
	observers: number;
}

export interface LiveRunReply {
	sent: number;
	ok: number;
	errors: Record<string, number>;
	ackMs: number[];
	/** monotonic time of each successful acknowledgement (the steady-state rate is counted from these) */
	ackAt: number[];
	noteIds: string[];
}

export interface VoteRunReply {
	voters: number;
	sent: number;
	ok: number;
	errors: Record<string, number>;
	/** from a command's first send to its acknowledgement (a retry after a timeout included) */
	ackMs: number[];
	/** monotonic time of the last acknowledgement */
	lastAckAt: number;
	/** per voter: ms from the start until their ballot first held all their dots */
	fullBallotMs: number[];
	/** dots per item the acknowledged commands leave, summed over this worker's voters */
	expected: Record<string, number>;
	/** voters whose acknowledged ballot ends with at least one dot */
	votersWithDots: number;
	/** voters stopped by a command that timed out twice (its outcome unknown): the tally cannot be checked exactly */
	uncertain: number;
}

export type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
