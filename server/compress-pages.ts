import type { IncomingMessage, ServerResponse } from 'node:http';
import compression from 'compression';

/**
 * Compression (gzip, or brotli where the browser offers it: on https) for the pages phones open,
 * as SvelteKit renders them (adapter-node compresses only the static files, ahead of time): a
 * participant's page is 14 kB of HTML, 4 kB compressed — on a 1.6 Mbit/s phone network, 50 ms
 * sooner before anything else can start. The `compression` middleware picks compressible types
 * over 1 kB and leaves answers that carry their own encoding alone.
 *
 * Only those pages: the join page, a participant's pages and the observer's view hold no secret
 * of their own. A facilitator's pages, the owner's page and the invitation and observer links
 * hold secret links beside text others wrote, the mix a compression side channel (BREACH) reads
 * from the size of responses; they are opened on a laptop, where size matters least.
 */
const PHONE_PAGES = /^\/(?:j|p|observe)\//;

const compress = compression({
	threshold: 1024,
	filter: (req, res) => PHONE_PAGES.test(req.url ?? '') && compression.filter(req, res)
});

export function compressPages(req: IncomingMessage, res: ServerResponse, next: () => void): void {
	compress(req as Parameters<typeof compress>[0], res as Parameters<typeof compress>[1], next);
}
