import { randomBytes } from 'node:crypto';
import { createWorkshop, joinAs, signUp } from '../../test/helpers/http.ts';
import { CATEGORIES } from '../../src/lib/domain/workshop/categories.ts';
import type { BenchServer } from './servers.ts';

/**
 * A board under load: its room and who connects. On Concerto the writer is the workshop's
 * facilitator (read-write sync) and observers are participants who joined through the join
 * page (read-only sync, notes via commands); the reference has no auth, so cookies are empty.
 */
export interface Board {
	room: string;
	writerCookie: string;
	observerCookies: string[];
}

const facilitators = new Map<BenchServer, string>();

async function facilitator(server: BenchServer): Promise<string> {
	let cookie = facilitators.get(server);
	if (!cookie) {
		cookie = await signUp(server.base);
		facilitators.set(server, cookie);
	}
	return cookie;
}

/** Creates a board with `participants` observers, driving the real pages (Concerto). */
export async function prepareBoard(server: BenchServer, title: string, participants: number, concurrency = 6): Promise<Board> {
	if (server.kind === 'reference')
		return { room: `${title.replace(/\W+/g, '-')}-${randomBytes(4).toString('hex')}`, writerCookie: '', observerCookies: Array(participants).fill('') };
	const cookie = await facilitator(server);
	const { id, joinCode } = await createWorkshop(server.base, cookie, title);
	const observerCookies: string[] = new Array(participants);
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(concurrency, participants) }, async () => {
			while (next < participants) {
				const i = next++;
				observerCookies[i] = await joinAs(server.base, joinCode, `Participant ${i + 1}`, CATEGORIES[i % CATEGORIES.length]);
			}
		})
	);
	return { room: id, writerCookie: cookie, observerCookies };
}
