import { prepareBoard } from '../lib/accounts.ts';
import { deal, sleep, type BenchContext } from '../lib/context.ts';
import { cpuPercent, monoNow, sampleAll, sampleProc } from '../lib/proc.ts';
import type { ConnectReply, LiveClientSpec, VoteRunReply } from '../lib/protocol.ts';
import type { BenchServer, ServerKind } from '../lib/servers.ts';
import { round, summarize, type Summary } from '../lib/stats.ts';
import { connected, eventually, liveClient, send, syncClient } from '../../test/helpers/clients.ts';
import { createCluster, readClusters } from '../../src/lib/domain/board/clusters.ts';
import type { Phase } from '../../src/lib/domain/agenda/phase.ts';
import type { VoteState } from '../../src/lib/protocol/live.ts';

export interface VoteResult {
	server: ServerKind;
	voters: number;
	items: number;
	dots: number;
	cap: number;
	/** seconds of voting (closed loop per voter: the next vote.set goes on each acknowledgement) */
	seconds: number;
	sent: number;
	ok: number;
	errors: Record<string, number>;
	/** acknowledged vote.set commands per second, from the start to the last acknowledgement */
	votesPerSecond: number;
	ack: Summary;
	/** ms from the start until each voter's ballot first held all its dots */
	fullBallotMs: Summary;
	/** voters whose ballot was full at least once */
	fullBallots: number;
	/** voters stopped by a command whose outcome stayed unknown (none expected) */
	uncertain: number;
	/** the revealed results equal, item by item, the dots the acknowledged commands left */
	tallyExact: boolean;
	tallyDots: { expected: number; revealed: number | null };
	/** voters with dots: expected from the acknowledgements, and as revealed */
	tallyVoters: { expected: number; revealed: number | null };
	serverCpuPercent: number | null;
	databaseCpuPercent: number | null;
}

export const VOTE_SETTINGS = { voters: 300, items: 20, dots: 5, cap: 3, seconds: 10 };

const agenda = (dots: number, cap: number): Phase[] => [
	{ id: 'idees', type: 'ideation', title: 'Idées', minutes: 10, instructions: '', settings: {} },
	{ id: 'vote', type: 'vote', title: 'Vote', minutes: 10, instructions: '', settings: { dots, maxDotsPerItem: cap } }
];

/**
 * The dot vote (issue 10): `voters` participants joined through the join page, a board of
 * `items` clusters made by the facilitator's y-websocket provider, an ideation phase then a
 * vote phase (`dots` dots, at most `cap` on one item). Every voter keeps one `vote.set` in flight
 * for `seconds`; each acknowledgement means the vote is stored. Then the facilitator reveals
 * and the revealed tally is compared with what the acknowledged commands left.
 */
export async function voteStage(ctx: BenchContext, server: BenchServer, settings = VOTE_SETTINGS): Promise<VoteResult> {
	const { workers } = ctx;
	const { voters, items, dots, cap, seconds } = settings;
	const board = await prepareBoard(server, 'Banc vote', voters);
	const facilitator = liveClient(server.base, board.room, { cookie: board.writerCookie });
	const editor = syncClient(server.base, board.room, { cookie: board.writerCookie });
	const watcher = syncClient(server.base, board.room, { cookie: board.writerCookie });
	let n = 0;
	const control = async (name: string, input: Record<string, unknown> = {}) => {
		const res = await send(facilitator, name, { commandId: `bench-${name.replace(".", "-")}-${Date.now().toString(36)}-${n++}`, ...input }, 30_000);
		if (!res.ok) throw new Error(`${server.kind}: ${name} refused: ${res.error.code} ${res.error.message}`);
		return res.value;
	};
	const specs: LiveClientSpec[] = board.observerCookies.map((cookie) => ({ base: server.base, workshopId: board.room, cookie }));
	const hands = deal(specs, workers.size);
	try {
		await connected(facilitator);
		await control('agenda.save', { phases: agenda(dots, cap) });
		await control('phase.start');
		await editor.synced;
		const itemIds = Array.from({ length: items }, (_, i) => `cluster-${String(i).padStart(2, '0')}`);
		editor.doc.transact(() => itemIds.forEach((id, i) => createCluster(editor.doc, { id, label: `Regroupement ${i + 1}`, now: Date.now() })));
		// Seen by another connection: the server holds the clusters before anyone votes.
		await watcher.synced;
		await eventually(() => readClusters(watcher.doc).length >= items, 'the clusters to reach the server', 30_000);
		const states: VoteState[] = [];
		facilitator.on('vote.state', (s: VoteState | null) => s && states.push(s));
		await control('phase.skip');

		const connectedReplies = await workers.all<ConnectReply>((i) => ({ op: 'liveConnect', clients: hands[i], concurrency: 25, timeoutMs: 30_000 }), 120_000);
		for (const c of connectedReplies) if (c.errors.length) ctx.log(`  ${server.kind}: ${c.failed} live sockets failed: ${c.errors[0]}`);
		await sleep(500);
		const tag = `v${Math.round(monoNow())}`;
		const durationMs = seconds * 1000;
		const startAt = monoNow() + 300;
		const dbPids = await server.databasePids();
		const before = sampleProc(server.pid);
		const dbBefore = dbPids.length ? sampleAll(dbPids) : null;
		const runs = await workers.all<VoteRunReply>({ op: 'voteRun', tag, durationMs, startAt, itemIds, dots, cap }, durationMs + 120_000);
		const after = sampleProc(server.pid);
		const dbAfter = dbPids.length ? sampleAll(dbPids) : null;

		const errors: Record<string, number> = {};
		for (const r of runs) for (const [code, k] of Object.entries(r.errors)) errors[code] = (errors[code] ?? 0) + k;
		const ok = runs.reduce((t, r) => t + r.ok, 0);
		const lastAckAt = Math.max(...runs.map((r) => r.lastAckAt));
		const expected = new Map<string, number>();
		for (const r of runs) for (const [id, d] of Object.entries(r.expected)) expected.set(id, (expected.get(id) ?? 0) + d);
		const expectedDots = [...expected.values()].reduce((a, b) => a + b, 0);
		const expectedVoters = runs.reduce((t, r) => t + r.votersWithDots, 0);

		await control('vote.reveal');
		await eventually(() => states.some((s) => s.revealed), 'the revealed results', 30_000).catch(() => ctx.log(`  ${server.kind}: no revealed vote.state within 30 s`));
		const last = states.filter((s) => s.revealed).pop();
		const revealed = last?.results ?? null;
		const revealedVoters = last?.voters ?? null;
		const tallyExact =
			revealed !== null &&
			itemIds.every((id) => (revealed.items.find((i) => i.itemId === id)?.total ?? 0) === (expected.get(id) ?? 0)) &&
			revealed.items.every((i) => itemIds.includes(i.itemId) || i.total === 0) &&
			revealed.dots === expectedDots &&
			revealedVoters === expectedVoters;
		return {
			server: server.kind,
			voters: runs.reduce((t, r) => t + r.voters, 0),
			items,
			dots,
			cap,
			seconds,
			sent: runs.reduce((t, r) => t + r.sent, 0),
			ok,
			errors,
			votesPerSecond: ok > 0 ? Math.round(ok / ((lastAckAt - startAt) / 1000)) : 0,
			ack: summarize(runs.flatMap((r) => r.ackMs)),
			fullBallotMs: summarize(runs.flatMap((r) => r.fullBallotMs)),
			fullBallots: runs.reduce((t, r) => t + r.fullBallotMs.length, 0),
			uncertain: runs.reduce((t, r) => t + r.uncertain, 0),
			tallyExact,
			tallyDots: { expected: expectedDots, revealed: revealed?.dots ?? null },
			tallyVoters: { expected: expectedVoters, revealed: revealedVoters },
			serverCpuPercent: round(cpuPercent(before, after)),
			databaseCpuPercent: round(cpuPercent(dbBefore, dbAfter))
		};
	} finally {
		await workers.all({ op: 'liveClose' });
		facilitator.close();
		editor.destroy();
		watcher.destroy();
	}
}
