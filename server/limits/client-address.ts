import type { IncomingHttpHeaders } from 'node:http';

/** Where the client's address is read: the socket's peer, or a proxy's header (ADDRESS_HEADER, XFF_DEPTH). */
export interface AddressSource {
	/** Lower-case header name, or null to use the socket's peer address. */
	header: string | null;
	/** With `x-forwarded-for`: how many proxies stand in front (the address is read that many entries from the right). */
	xffDepth: number;
}

/**
 * The client's address for a request Concerto answers outside SvelteKit (the sync socket and its
 * first state, the live socket's handshake), read as adapter-node reads it for the pages (its
 * `ADDRESS_HEADER` and `XFF_DEPTH`), so one client has one address everywhere. Unlike
 * adapter-node, a request without the configured header is not an error here: it is counted
 * under the socket's peer (the proxy, or someone who reached the server past it).
 */
export function clientAddress(req: { headers: IncomingHttpHeaders; socket?: { remoteAddress?: string } | null }, from: AddressSource): string {
	const peer = req.socket?.remoteAddress ?? 'unknown';
	if (!from.header) return peer;
	const raw = req.headers[from.header];
	const value = (Array.isArray(raw) ? raw.join(',') : raw)?.trim();
	if (!value) return peer;
	if (from.header !== 'x-forwarded-for') return value;
	// Only the entries our own proxies appended can be trusted: the rightmost `xffDepth`.
	const entries = value.split(',').map((a) => a.trim());
	const trusted = entries[entries.length - from.xffDepth];
	return trusted || peer;
}

export function addressSource(env: NodeJS.ProcessEnv): AddressSource {
	const header = env.ADDRESS_HEADER?.trim().toLowerCase() || null;
	const depth = Number(env.XFF_DEPTH ?? 1);
	return { header, xffDepth: Number.isInteger(depth) && depth >= 1 ? depth : 1 };
}
