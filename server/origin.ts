import type { IncomingMessage } from 'node:http';

/**
 * Cross-site WebSocket hijacking guard: a browser always sends Origin on a WebSocket or
 * socket.io request, and a page of another site must not ride on our cookies. With ORIGIN
 * set, only that origin passes; otherwise the Origin must name the host the request came to.
 * A request without Origin is refused too: outside clients set it like a browser would.
 */
export function originAllowed(req: IncomingMessage, configured: string | null): boolean {
	const origin = req.headers.origin;
	if (!origin) return false;
	if (configured) return origin === configured;
	try {
		return new URL(origin).host === req.headers.host;
	} catch {
		return false;
	}
}
