import { prepareBoard } from '../lib/accounts.ts';
import { deal, sleep, specsOf, type BenchContext } from '../lib/context.ts';
import { cpuPercent, monoNow, sampleAll, sampleProc } from '../lib/proc.ts';
import type { ConnectReply, LiveClientSpec, LiveRunReply } from '../lib/protocol.ts';
import type { BenchServer, ServerKind } from '../lib/servers.ts';
import { round, summarize, type Summary } from '../lib/stats.ts';

export interface CommandsResult {
	server: ServerKind;
	participants: number;
	/** commands per second offered (open loop: each participant on its own timer) */
	offeredPerSecond: number;
	sent: number;
	ok: number;
	errors: Record<string, number>;
	/** acknowledged commands per second over the run */
	commandsPerSecond: number;
	ack: Summary;
	/** acknowledged notes found on the board by a fresh client afterwards (should equal ok) */
	notesOnBoard: number;
	serverCpuPercent: number | null;
	/** CPU of the PostgreSQL backends serving it (concerto-pg) */
	databaseCpuPercent: number | null;
}

/**
 * The command path: `participants` socket.io clients on /live each send `note.add` at
 * `perParticipant`/s for `seconds`; every acknowledgement waits for the database.
 */
export async function commandsStage(
	ctx: BenchContext,
	server: BenchServer,
	participants = 300,
	perParticipant = 1
): Promise<CommandsResult> {
	const { workers } = ctx;
	const board = await prepareBoard(server, 'Banc commandes', participants);
	const specs: LiveClientSpec[] = board.observerCookies.map((cookie) => ({ base: server.base, workshopId: board.room, cookie }));
	const hands = deal(specs, workers.size);
	try {
		const connected = await workers.all<ConnectReply>((i) => ({ op: 'liveConnect', clients: hands[i], concurrency: 25, timeoutMs: 30_000 }), 120_000);
		for (const c of connected) if (c.errors.length) ctx.log(`  ${server.kind}: ${c.failed} live sockets failed: ${c.errors[0]}`);
		await sleep(500);
		const tag = `c${Math.round(monoNow())}`;
		const durationMs = ctx.seconds * 1000;
		const startAt = monoNow() + 300;
		const dbPids = await server.databasePids();
		const before = sampleProc(server.pid);
		const dbBefore = dbPids.length ? sampleAll(dbPids) : null;
		const runs = await workers.all<LiveRunReply>({ op: 'liveRun', tag, durationMs, perSecond: perParticipant, startAt }, durationMs + 60_000);
		const after = sampleProc(server.pid);
		const dbAfter = dbPids.length ? sampleAll(dbPids) : null;
		const elapsed = (monoNow() - startAt) / 1000;
		const errors: Record<string, number> = {};
		for (const r of runs) for (const [code, n] of Object.entries(r.errors)) errors[code] = (errors[code] ?? 0) + n;
		const ok = runs.reduce((t, r) => t + r.ok, 0);
		const { writer } = specsOf(server, board);
		const notesOnBoard = await workers.ask<number>(0, { op: 'countPrefix', client: writer, prefix: `${tag}-`, expect: ok, timeoutMs: 10_000 });
		return {
			server: server.kind,
			participants,
			offeredPerSecond: participants * perParticipant,
			sent: runs.reduce((t, r) => t + r.sent, 0),
			ok,
			errors,
			commandsPerSecond: Math.round(ok / elapsed),
			ack: summarize(runs.flatMap((r) => r.ackMs)),
			notesOnBoard,
			serverCpuPercent: round(cpuPercent(before, after)),
			databaseCpuPercent: round(cpuPercent(dbBefore, dbAfter))
		};
	} finally {
		await workers.all({ op: 'liveClose' });
	}
}
