import { prepareBoard } from '../lib/accounts.ts';
import { deal, sleep, type BenchContext } from '../lib/context.ts';
import { cpuPercent, machineCpu, machineCpuPercent, monoNow, sampleAll, sampleProc } from '../lib/proc.ts';
import type { ConnectReply, LiveClientSpec, LiveRunReply } from '../lib/protocol.ts';
import type { BenchServer, ServerKind } from '../lib/servers.ts';
import { round, summarize, type Summary } from '../lib/stats.ts';
import { syncClient } from '../../test/helpers/clients.ts';
import { notesOf } from '../../src/lib/domain/board/notes.ts';

export interface CommandsResult {
	server: ServerKind;
	participants: number;
	/** commands per second offered (open loop: each participant on its own timer) */
	offeredPerSecond: number;
	sent: number;
	ok: number;
	errors: Record<string, number>;
	/**
	 * Acknowledged commands per second in the steady part of the run (the first fifth left out,
	 * up to the last send): a server that keeps up acknowledges what is offered, one that
	 * cannot acknowledges what it can, whatever the length of the run's tail.
	 */
	commandsPerSecond: number;
	ack: Summary;
	/** acknowledged notes found on the board by a fresh client afterwards (should equal ok) */
	notesOnBoard: number;
	serverCpuPercent: number | null;
	/** CPU of the PostgreSQL backends serving it (concerto-pg) */
	databaseCpuPercent: number | null;
	/** server CPU (plus its PostgreSQL backends') per acknowledged command, in ms */
	cpuMsPerCommand?: number | null;
	/** server RSS with every participant connected, and its growth per connection */
	serverRssMb?: number | null;
	rssKbPerConnection?: number | null;
	/** server CPU during the run per connected participant, in % of one core */
	cpuPercentPerConnection?: number | null;
	/** the client workers' CPU, and the whole machine's (ours and others'): a starved load generator shows here */
	clientCpuPercent?: number | null;
	machineCpuPercent?: number | null;
}

/**
 * The rows of the command stage: issue 15's 300 participants offering 1,000 commands/s, then
 * more (2,500/s: PostgreSQL's 2,000/s target is a capacity, shown only when offered above it),
 * and 1,000 participants offering 1,000/s.
 */
export function commandRows(quick: boolean, participants: number): Array<{ participants: number; offeredPerSecond: number }> {
	if (quick)
		return [
			{ participants, offeredPerSecond: participants * 3 },
			{ participants, offeredPerSecond: participants * 6 },
			{ participants: participants * 3, offeredPerSecond: participants * 3 }
		];
	return [
		{ participants, offeredPerSecond: 1000 },
		{ participants, offeredPerSecond: 2500 },
		{ participants: 1000, offeredPerSecond: 1000 }
	];
}

const WARM_UP_MS = 2000;

/**
 * The command path: `participants` socket.io clients on /live together send `note.add` at
 * `offeredPerSecond` (each on its own open-loop timer) for `seconds`, while the facilitator's
 * board is open as in the room; every acknowledgement waits for the database.
 */
export async function commandsStage(ctx: BenchContext, server: BenchServer, participants = 300, offeredPerSecond = participants): Promise<CommandsResult> {
	const { workers } = ctx;
	const board = await prepareBoard(server, 'Banc commandes', participants);
	const specs: LiveClientSpec[] = board.observerCookies.map((cookie) => ({ base: server.base, workshopId: board.room, cookie }));
	const hands = deal(specs, workers.size);
	// The projector: it keeps the room loaded, so the group commit alone stores the notes (a room
	// nobody holds is saved whenever its last command ends), and it gets every note, as a board does.
	const projector = syncClient(server.base, board.room, { cookie: board.writerCookie });
	try {
		await projector.synced;
		const rssBefore = sampleProc(server.pid)?.rssBytes ?? null;
		const connected = await workers.all<ConnectReply>((i) => ({ op: 'liveConnect', clients: hands[i], concurrency: 25, timeoutMs: 30_000 }), 180_000);
		for (const c of connected) if (c.errors.length) ctx.log(`  ${server.kind}: ${c.failed} live sockets failed: ${c.errors[0]}`);
		const sockets = connected.reduce((t, c) => t + c.connected, 0);
		// Each new socket is sent the workshop's state (a dozen reads): 1,000 of them keep the
		// database busy for seconds after the last one connected. The run starts once that is done.
		const settledMs = await quiet(server, await server.databasePids());
		if (settledMs > 1000) ctx.log(`  ${server.kind}: ${sockets} sockets connected, server quiet after ${(settledMs / 1000).toFixed(1)} s`);
		const rssConnected = sampleProc(server.pid)?.rssBytes ?? null;
		const tag = `c${Math.round(monoNow())}`;
		const durationMs = ctx.seconds * 1000;
		const perParticipant = offeredPerSecond / participants;
		// Two seconds at the same pace first, not counted: a fresh server's first seconds are its
		// JIT's (the first row of each server was 3-10× slower than the same row run again).
		await workers.all<LiveRunReply>({ op: 'liveRun', tag: `${tag}w`, durationMs: WARM_UP_MS, perSecond: perParticipant, startAt: monoNow() + 300 }, WARM_UP_MS + 60_000);
		await quiet(server, await server.databasePids());
		const startAt = monoNow() + 300;
		const dbPids = await server.databasePids();
		const before = sampleProc(server.pid);
		const dbBefore = dbPids.length ? sampleAll(dbPids) : null;
		const [machine0, clients0] = [machineCpu(), sampleAll(workers.pids)];
		const runs = await workers.all<LiveRunReply>({ op: 'liveRun', tag, durationMs, perSecond: perParticipant, startAt }, durationMs + 60_000);
		const after = sampleProc(server.pid);
		const dbAfter = dbPids.length ? sampleAll(dbPids) : null;
		const [machine1, clients1] = [machineCpu(), sampleAll(workers.pids)];
		const errors: Record<string, number> = {};
		for (const r of runs) for (const [code, n] of Object.entries(r.errors)) errors[code] = (errors[code] ?? 0) + n;
		const ok = runs.reduce((t, r) => t + r.ok, 0);
		const steadyFrom = startAt + durationMs / 5;
		const steadyTo = startAt + durationMs;
		const steadyAcks = runs.reduce((t, r) => t + r.ackAt.filter((at) => at >= steadyFrom && at < steadyTo).length, 0);
		// A fresh client: every acknowledged note is on the server's board.
		const check = syncClient(server.base, board.room, { cookie: board.writerCookie });
		let notesOnBoard = 0;
		try {
			await check.synced;
			const notes = notesOf(check.doc);
			notesOnBoard = runs.reduce((t, r) => t + r.noteIds.filter((id) => notes.has(id)).length, 0);
		} finally {
			check.destroy();
		}
		const cpuSeconds = before && after ? after.cpuSeconds - before.cpuSeconds + (dbBefore && dbAfter ? dbAfter.cpuSeconds - dbBefore.cpuSeconds : 0) : null;
		const serverCpuPercent = round(cpuPercent(before, after));
		return {
			server: server.kind,
			participants,
			offeredPerSecond,
			sent: runs.reduce((t, r) => t + r.sent, 0),
			ok,
			errors,
			commandsPerSecond: Math.round(steadyAcks / ((steadyTo - steadyFrom) / 1000)),
			ack: summarize(runs.flatMap((r) => r.ackMs)),
			notesOnBoard,
			serverCpuPercent,
			databaseCpuPercent: round(cpuPercent(dbBefore, dbAfter)),
			cpuMsPerCommand: cpuSeconds === null || ok === 0 ? null : round((cpuSeconds * 1000) / ok, 2),
			serverRssMb: rssConnected === null ? null : round(rssConnected / 1024 / 1024),
			rssKbPerConnection: rssBefore === null || rssConnected === null || sockets === 0 ? null : round((rssConnected - rssBefore) / 1024 / sockets),
			cpuPercentPerConnection: serverCpuPercent === null || sockets === 0 ? null : round(serverCpuPercent / sockets, 3),
			clientCpuPercent: round(cpuPercent(clients0, clients1)),
			machineCpuPercent: round(machineCpuPercent(machine0, machine1))
		};
	} finally {
		projector.destroy();
		await workers.all({ op: 'liveClose' });
	}
}

/** Waits until the server (and its PostgreSQL backends) use under a fifth of a core over half a second, at most 60 s; returns the ms waited. */
async function quiet(server: BenchServer, dbPids: number[]): Promise<number> {
	const start = monoNow();
	for (;;) {
		const a = sampleProc(server.pid);
		const da = dbPids.length ? sampleAll(dbPids) : null;
		await sleep(500);
		const busy = (cpuPercent(a, sampleProc(server.pid)) ?? 0) + (dbPids.length ? (cpuPercent(da, sampleAll(dbPids)) ?? 0) : 0);
		if (busy < 20 || monoNow() - start > 60_000) return monoNow() - start;
	}
}
