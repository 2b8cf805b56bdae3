import type { Workers } from './workers.ts';
import type { SyncClientSpec } from './protocol.ts';
import type { BenchServer } from './servers.ts';
import type { Board } from './accounts.ts';

/** What every scenario needs: the client workers and the pace of writing. */
export interface BenchContext {
	workers: Workers;
	/** notes per second written by each writer */
	rate: number;
	/** seconds of steady writing measured per stage */
	seconds: number;
	log(line: string): void;
}

/** The writer of a board (facilitator, read-write) and its observers (participants, read-only). */
export function specsOf(server: BenchServer, board: Board): { writer: SyncClientSpec; observers: SyncClientSpec[] } {
	const spec = (cookie: string, writer: boolean): SyncClientSpec => ({ syncUrl: server.syncUrl, room: board.room, origin: server.base, cookie, writer });
	return { writer: spec(board.writerCookie, true), observers: board.observerCookies.map((c) => spec(c, false)) };
}

/** Deals client specs round-robin to the workers, so each carries a similar share. */
export function deal<T>(items: T[], workers: number, offset = 0): T[][] {
	const hands: T[][] = Array.from({ length: workers }, () => []);
	items.forEach((item, i) => hands[(i + offset) % workers].push(item));
	return hands;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
