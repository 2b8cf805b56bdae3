import { prepareBoard } from '../lib/accounts.ts';
import { deal, sleep, specsOf, type BenchContext } from '../lib/context.ts';
import { cpuMicrosPer, cpuPercent, machineCpu, machineCpuPercent, monoNow, sampleAll, sampleProc, type MachineSample, type ProcSample } from '../lib/proc.ts';
import type { CollectReply, ConnectReply, Counters, SyncClientSpec, WriteReply } from '../lib/protocol.ts';
import type { BenchServer, ServerKind } from '../lib/servers.ts';
import { round, summarize, type Summary } from '../lib/stats.ts';

export interface FanoutResult {
	server: ServerKind;
	workshops: number;
	/** clients per workshop, the writer included */
	clientsPerWorkshop: number;
	clients: number;
	connectMs: number;
	failedToConnect: number;
	/** measuring windows: CPU and rates are those of the median window (by CPU per message), latencies and counts their total */
	windows: number;
	/** ms from a writer's insert to each observer's copy of the note */
	latency: Summary;
	delivered: number;
	expected: number;
	/** observer clients the workers held while measuring (should be workshops × (clientsPerWorkshop − 1)) */
	observers: number;
	/** repeated events for an already seen note, and client disconnections, during the stage */
	duplicates: number;
	disconnects: number;
	/** messages the server sent to all clients per second, while writing */
	messagesPerSecond: number | null;
	serverCpuPercent: number | null;
	/** CPU of the PostgreSQL backends serving it (concerto-pg; PGlite's is inside the server process) */
	databaseCpuPercent: number | null;
	/** server CPU over the window per message delivered to an observer, µs (issue 15: cost per message) */
	serverCpuUsPerMessage: number | null;
	/** the same for the PostgreSQL backends (concerto-pg) */
	databaseCpuUsPerMessage: number | null;
	/** the server's CPU µs per message in each window, to see the spread the median hides */
	serverCpuUsPerMessageByWindow: (number | null)[];
	serverRssMb: number | null;
	/** live heap after GC with the workshops loaded and their clients on, minus before, per workshop */
	heapPerWorkshopMb: number | null;
	/** the client workers' own CPU, to show when the load generator (not the server) was the limit */
	clientCpuPercent: number | null;
	/** the whole machine's busy CPU over the window (100 % = one core): above server + clients, others were running */
	machineCpuPercent: number | null;
	/** how late the writers' timers fired, p99 ms */
	writerLateP99: number;
}

const MB = 1024 * 1024;

/**
 * `workshops` boards of `clientsPerWorkshop` clients each: one writer per board makes notes
 * at `ctx.rate` for `ctx.seconds` while all others observe them arrive.
 */
export async function fanoutStage(ctx: BenchContext, server: BenchServer, workshops: number, clientsPerWorkshop: number): Promise<FanoutResult> {
	const { workers } = ctx;
	const heapBefore = await server.heapAfterGc();
	const boards = [];
	for (let w = 0; w < workshops; w++) boards.push(await prepareBoard(server, `Banc ${clientsPerWorkshop} n°${w + 1}`, clientsPerWorkshop - 1));
	const writers: SyncClientSpec[] = [];
	const observers: SyncClientSpec[] = [];
	for (const board of boards) {
		const s = specsOf(server, board);
		writers.push(s.writer);
		observers.push(...s.observers);
	}
	// Worker 0 holds the writers alone, so their timers fire on time and observers' work does
	// not delay a send; the other workers share the observers.
	const observerHands = deal(observers, workers.size - 1);
	const hands = [writers, ...observerHands];
	const connected = await workers.all<ConnectReply>((i) => ({ op: 'connect', clients: hands[i], concurrency: 25, timeoutMs: 30_000 }), 120_000);
	const connectMs = Math.max(...connected.map((c) => c.ms));
	const failedToConnect = connected.reduce((t, c) => t + c.failed, 0);
	for (const c of connected) if (c.errors.length) ctx.log(`  ${server.kind}: ${c.failed} clients failed to connect: ${c.errors[0]}`);

	try {
		// Let the awareness announcements of a crowd settle, then warm the path up unmeasured.
		await quiet(ctx, workshops * clientsPerWorkshop);
		await write(ctx, 'warm', Math.max(3, Math.round(ctx.rate / 2)));
		await sleep(300);
		await workers.all({ op: 'collect', tag: 'warm' });

		const windows: Window[] = [];
		for (let w = 0; w < WINDOWS; w++) windows.push(await measureWindow(ctx, server, clientsPerWorkshop));
		const latencies = windows.flatMap((w) => w.latencies);
		const heapLoaded = await server.heapAfterGc();
		// The window whose CPU per delivered message (the server's with its PostgreSQL backends, as
		// the ratio to the reference counts it) is the median: its figures are reported together.
		const perMessage = (w: Window) => (cpuMicrosPer(w.server0, w.server1, w.latencies.length) ?? 0) + (cpuMicrosPer(w.db0, w.db1, w.latencies.length) ?? 0);
		const mid = [...windows].sort((a, b) => perMessage(a) - perMessage(b))[Math.floor(windows.length / 2)];
		const last = windows[windows.length - 1];
		return {
			server: server.kind,
			workshops,
			clientsPerWorkshop,
			clients: workshops * clientsPerWorkshop,
			connectMs: Math.round(connectMs),
			failedToConnect,
			windows: windows.length,
			latency: summarize(latencies),
			delivered: latencies.length,
			expected: windows.reduce((t, w) => t + w.expected, 0),
			observers: last.observers,
			duplicates: windows.reduce((t, w) => t + w.duplicates, 0),
			disconnects: windows.reduce((t, w) => t + w.disconnects, 0),
			messagesPerSecond: mid.messagesPerSecond === null ? null : Math.round(mid.messagesPerSecond),
			serverCpuPercent: round(cpuPercent(mid.server0, mid.server1)),
			databaseCpuPercent: round(cpuPercent(mid.db0, mid.db1)),
			serverCpuUsPerMessage: round(cpuMicrosPer(mid.server0, mid.server1, mid.latencies.length)),
			databaseCpuUsPerMessage: round(cpuMicrosPer(mid.db0, mid.db1, mid.latencies.length)),
			serverCpuUsPerMessageByWindow: windows.map((w) => round(cpuMicrosPer(w.server0, w.server1, w.latencies.length))),
			serverRssMb: last.server1 ? round(last.server1.rssBytes / MB) : null,
			heapPerWorkshopMb: heapBefore !== null && heapLoaded !== null ? round((heapLoaded - heapBefore) / workshops / MB, 2) : null,
			clientCpuPercent: round(cpuPercent(mid.clients0, mid.clients1)),
			machineCpuPercent: round(machineCpuPercent(mid.machine0, mid.machine1)),
			writerLateP99: round(Math.max(...windows.map((w) => w.writerLateP99))) ?? 0
		};
	} finally {
		await workers.all({ op: 'closeAll' }, 60_000);
	}
}

const sum = (cs: Counters[], key: 'duplicates' | 'disconnects') => cs.reduce((t, c) => t + c[key], 0);

/**
 * Measuring windows per stage. One window's CPU figure moved by a fifth from run to run (a
 * garbage collection, the optimising compiler still at work, the VM's neighbours), so the
 * stage measures several in a row and reports the figures of the median one; latencies are pooled.
 */
const WINDOWS = 3;

interface Window {
	latencies: number[];
	expected: number;
	observers: number;
	duplicates: number;
	disconnects: number;
	messagesPerSecond: number | null;
	server0: ProcSample | null;
	server1: ProcSample | null;
	db0: ProcSample | null;
	db1: ProcSample | null;
	clients0: ProcSample | null;
	clients1: ProcSample | null;
	machine0: MachineSample;
	machine1: MachineSample;
	writerLateP99: number;
}

/** One window: every writer makes `rate × seconds` notes; CPU is sampled around it, until all arrived. */
async function measureWindow(ctx: BenchContext, server: BenchServer, clientsPerWorkshop: number): Promise<Window> {
	const { workers } = ctx;
	const tag = `m${Math.round(monoNow())}`;
	const count = Math.round(ctx.rate * ctx.seconds);
	const counters0 = await workers.all<Counters>({ op: 'counters' });
	const dbPids = await server.databasePids();
	const server0 = sampleProc(server.pid);
	const db0 = dbPids.length ? sampleAll(dbPids) : null;
	const machine0 = machineCpu();
	const clients0 = sampleAll(workers.pids);
	const wrote = await write(ctx, tag, count);
	const expected = wrote.reduce((t, w) => t + w.written, 0) * (clientsPerWorkshop - 1);
	// Deliveries still in flight: wait until all arrived (or a 5 s grace for losses).
	const graceEnd = monoNow() + 5000;
	let counters1 = await workers.all<Counters>({ op: 'counters' });
	while (counters1.reduce((t, c) => t + (c.delivered ?? 0), 0) < expected && monoNow() < graceEnd) {
		await sleep(50);
		counters1 = await workers.all<Counters>({ op: 'counters' });
	}
	const server1 = sampleProc(server.pid);
	const db1 = dbPids.length ? sampleAll(dbPids) : null;
	const machine1 = machineCpu();
	const clients1 = sampleAll(workers.pids);
	const collected = await workers.all<CollectReply>({ op: 'collect', tag });
	const lastAt = Math.max(...counters1.map((c) => c.lastMessageAt));
	// A worker without writers reports firstAt Infinity, which IPC (JSON) turns into null.
	const firstAt = Math.min(...wrote.filter((w) => w.written > 0).map((w) => w.firstAt));
	const messages = counters1.reduce((t, c) => t + c.messages, 0) - counters0.reduce((t, c) => t + c.messages, 0);
	return {
		latencies: collected.flatMap((c) => c.latencies),
		expected,
		observers: collected.reduce((t, c) => t + c.observers, 0),
		duplicates: sum(counters1, 'duplicates') - sum(counters0, 'duplicates'),
		disconnects: sum(counters1, 'disconnects') - sum(counters0, 'disconnects'),
		messagesPerSecond: lastAt > firstAt ? messages / ((lastAt - firstAt) / 1000) : null,
		server0,
		server1,
		db0,
		db1,
		clients0,
		clients1,
		machine0,
		machine1,
		writerLateP99: Math.max(...wrote.map((w) => w.lateP99))
	};
}

/** Waits (at most 10 s) until the clients receive less than one message each per 250 ms. */
async function quiet(ctx: BenchContext, clients: number): Promise<void> {
	const total = async () => (await ctx.workers.all<Counters>({ op: 'counters' })).reduce((t, c) => t + c.messages, 0);
	const end = monoNow() + 10_000;
	let last = await total();
	while (monoNow() < end) {
		await sleep(250);
		const now = await total();
		if (now - last < clients) return;
		last = now;
	}
	ctx.log(`  still ${clients}+ messages per 250 ms after 10 s; measuring anyway`);
}

async function write(ctx: BenchContext, tag: string, count: number): Promise<WriteReply[]> {
	// A common start a little ahead, so every worker's writers begin on the same clock.
	const startAt = monoNow() + 200;
	return ctx.workers.all<WriteReply>({ op: 'write', tag, count, rate: ctx.rate, startAt }, 60_000 + (count / ctx.rate) * 1000);
}
