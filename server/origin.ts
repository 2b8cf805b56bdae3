import type { IncomingMessage } from 'node:http';

/**
 * Cross-site WebSocket hijacking guard: a page of another site must not ride on our cookies.
 * With ORIGIN set, only that origin passes; otherwise the Origin must name the host the
 * request came to. A browser sends Origin on every WebSocket and cross-origin request, but not
 * on a same-origin GET such as socket.io's long-polling handshake: there it sends
 * `Sec-Fetch-Site: same-origin` instead, which a page cannot forge. A request with neither
 * is refused: outside clients set Origin like a browser would.
 */
export function originAllowed(req: IncomingMessage, configured: string | null): boolean {
	const origin = req.headers.origin;
	if (!origin) return req.headers['sec-fetch-site'] === 'same-origin';
	if (configured) return origin === configured;
	try {
		return new URL(origin).host === req.headers.host;
	} catch {
		return false;
	}
}
