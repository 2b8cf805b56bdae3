import { prepareBoard } from '../lib/accounts.ts';
import { monoNow, sampleProc } from '../lib/proc.ts';
import { specsOf, type BenchContext } from '../lib/context.ts';
import type { ConnectReply, WriteReply } from '../lib/protocol.ts';
import type { BenchServer, ServerKind } from '../lib/servers.ts';
import { round } from '../lib/stats.ts';

export interface MemoryResult {
	server: ServerKind;
	/** Resident memory of the server process, MB: just started (first start on a new data directory), then with boards loaded. */
	idleRssMb: number | null;
	oneWorkshopRssMb: number | null;
	twentyWorkshopsRssMb: number | null;
	notesPerWorkshop: number;
}

const MB = 1024 * 1024;
const NOTES = 200;
const rssMb = (pid: number) => {
	const s = sampleProc(pid);
	return s ? round(s.rssBytes / MB) : null;
};

/**
 * What a laptop needs: the server's resident memory with 1 and then 20 workshops loaded, each
 * board holding NOTES notes written by its facilitator over sync (the reference: the same rooms).
 * `idleRssMb` is measured by the caller right after the server started, before any stage.
 */
export async function memoryStage(ctx: BenchContext, server: BenchServer, idleRssMb: number | null): Promise<MemoryResult> {
	const { workers } = ctx;
	const loadBoards = async (count: number, from: number) => {
		const boards = await Promise.all(Array.from({ length: count }, (_, i) => prepareBoard(server, `Banc mémoire ${from + i + 1}`, 0)));
		const writers = boards.map((b) => specsOf(server, b).writer);
		const c = await workers.ask<ConnectReply>(0, { op: 'connect', clients: writers, concurrency: 5, timeoutMs: 30_000 });
		if (c.failed) throw new Error(`memory stage: ${c.failed} boards did not load (${c.errors.join('; ')})`);
	};
	// Every connected writer writes its share; the first board ends with more notes, which only makes its figure honest.
	const write = async (tag: string, perWriter: number) =>
		workers.ask<WriteReply>(0, { op: 'write', tag, count: perWriter, rate: 200, startAt: monoNow() + 100 }, 120_000);
	try {
		await loadBoards(1, 0);
		await write('mem-1', NOTES);
		await settle();
		const one = rssMb(server.pid);
		await loadBoards(19, 1);
		await write('mem-20', NOTES);
		await settle();
		const twenty = rssMb(server.pid);
		return { server: server.kind, idleRssMb, oneWorkshopRssMb: one, twentyWorkshopsRssMb: twenty, notesPerWorkshop: NOTES };
	} finally {
		await workers.ask(0, { op: 'closeAll' });
	}
}

/** Lets the servers store and broadcast what was just written before memory is read. */
const settle = () => new Promise((r) => setTimeout(r, 2000));
