import type { IncomingMessage, ServerResponse } from 'node:http';
import compression from 'compression';
import { FACILITATOR_COOKIE } from './auth/cookies.ts';

/**
 * Compression (gzip, or brotli where the browser offers it: on https) for the pages and data SvelteKit renders (adapter-node compresses only the static files,
 * ahead of time): a participant's page is 14 kB of HTML, 4 kB compressed — on a 1.6 Mbit/s phone
 * network, 50 ms sooner before anything else can start. The `compression` middleware picks
 * compressible types over 1 kB and leaves answers that carry their own encoding alone (the static
 * files, a board's first state).
 *
 * Not for a facilitator's requests: their pages hold secrets (observer, owner and invitation
 * links) next to text others wrote (names, decisions), the mix a compression side channel
 * (BREACH) reads from the size of responses. Phones, observers and the public pages hold no
 * secret of the page's own; facilitators are on a laptop, where size matters least.
 */
const gzip = compression({
	threshold: 1024,
	filter: (req, res) => !hasFacilitatorSession(req) && compression.filter(req, res)
});

export function compressPages(req: IncomingMessage, res: ServerResponse, next: () => void): void {
	gzip(req as Parameters<typeof gzip>[0], res as Parameters<typeof gzip>[1], next);
}

function hasFacilitatorSession(req: IncomingMessage): boolean {
	return (req.headers.cookie ?? '').split(';').some((c) => c.trim().startsWith(`${FACILITATOR_COOKIE}=`));
}
