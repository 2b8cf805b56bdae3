import { prepareBoard } from '../lib/accounts.ts';
import { sleep, specsOf, type BenchContext } from '../lib/context.ts';
import type { BenchServer, ServerKind } from '../lib/servers.ts';
import { median, round } from '../lib/stats.ts';

export interface InitialSyncResult {
	server: ServerKind;
	notes: number;
	/** a new client joins while the board is in memory (another client is on it) */
	warmMs: { median: number | null; max: number | null; runs: number };
	/** the board was unloaded and comes back from the database (Concerto only: the reference keeps nothing) */
	coldMs: { median: number | null; max: number | null; runs: number } | null;
	bytes: number;
}

const RUNS = 5;

/** Time for a new client to sync a board of `notes` notes, from connect until it holds them all. */
export async function initialSyncStage(ctx: BenchContext, server: BenchServer, notes = 1000): Promise<InitialSyncResult> {
	const { workers } = ctx;
	const board = await prepareBoard(server, 'Banc synchronisation', 1);
	const { writer, observers } = specsOf(server, board);
	const newcomer = observers[0];
	// Batches of 50 notes every 50 ms stay well under the sync message limit.
	await workers.ask(0, { op: 'seed', client: writer, count: notes, batch: 50 }, 120_000);
	await sleep(500);
	const warm: number[] = [];
	let bytes = 0;
	try {
		for (let i = 0; i < RUNS; i++) {
			const r = await workers.ask<{ ms: number; bytes: number }>(workers.size - 1, { op: 'syncTime', client: newcomer, expect: notes, timeoutMs: 30_000 });
			warm.push(r.ms);
			bytes = r.bytes;
		}
	} finally {
		await workers.ask(0, { op: 'unseed' });
	}
	let cold: number[] | null = null;
	if (server.kind !== 'reference') {
		cold = [];
		for (let i = 0; i < 3; i++) {
			if (!(await unloaded(server))) {
				ctx.log(`  ${server.kind}: board still loaded after 10 s; cold sync skipped`);
				break;
			}
			const r = await workers.ask<{ ms: number }>(workers.size - 1, { op: 'syncTime', client: newcomer, expect: notes, timeoutMs: 30_000 });
			cold.push(r.ms);
		}
	}
	const summary = (v: number[]) => ({ median: round(median(v)), max: round(v.length ? Math.max(...v) : null), runs: v.length });
	return { server: server.kind, notes, warmMs: summary(warm), coldMs: cold ? summary(cold) : null, bytes };
}

/** Waits until Concerto has saved and unloaded every board (its gauge says 0). */
async function unloaded(server: BenchServer): Promise<boolean> {
	const end = Date.now() + 10_000;
	while (Date.now() < end) {
		const m = await server.metrics();
		if (m?.get('concerto_workshops_loaded') === 0) return true;
		await sleep(100);
	}
	return false;
}
