/**
 * Can the phones in the room reach the join URL? A server started on a laptop listens on
 * 127.0.0.1 by default, and its QR code then points every phone at itself. Pure: the server's
 * start banner and the facilitator's screens share these rules.
 */

/** True for a URL whose host only this machine can reach (loopback, `localhost`, the unspecified address). */
export function isLoopbackUrl(url: string): boolean {
	let host: string;
	try {
		host = new URL(url).hostname.toLowerCase();
	} catch {
		return false;
	}
	host = host.replace(/^\[|\]$/g, '');
	return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || host === '0.0.0.0' || host === '::' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** One network interface address, as Node's `os.networkInterfaces()` lists them. */
export interface InterfaceAddress {
	address: string;
	family: string | number;
	internal: boolean;
}

/** True when `host` makes the server listen on every interface. */
export const listensEverywhere = (host: string) => host === '0.0.0.0' || host === '::' || host === '';

/**
 * The URLs other devices can use to reach a server listening on `host`:`port`: each external
 * IPv4 address when it listens everywhere, the host itself when it is a real address, none on
 * loopback.
 */
export function networkUrls(interfaces: Record<string, InterfaceAddress[] | undefined>, host: string, port: number): string[] {
	if (!listensEverywhere(host)) return isLoopbackUrl(`http://${host.includes(':') ? `[${host}]` : host}/`) ? [] : [`http://${host}:${port}`];
	const urls: string[] = [];
	for (const list of Object.values(interfaces))
		for (const a of list ?? []) if (!a.internal && (a.family === 'IPv4' || a.family === 4)) urls.push(`http://${a.address}:${port}`);
	return urls;
}

/**
 * What `npm start` prints: where this machine reaches Concerto, where phones can, the base of
 * the join links it will show (ORIGIN, when set), and how to fix a room that cannot reach it.
 */
export function startBanner(input: { host: string; port: number; origin: string | null; interfaces: Record<string, InterfaceAddress[] | undefined> }): string[] {
	const local = `http://localhost:${input.port}`;
	const network = networkUrls(input.interfaces, input.host, input.port);
	const lines = [`Concerto is ready: ${local}`, `  Local:    ${local}`];
	for (const url of network) lines.push(`  Network:  ${url}`);
	const joinBase = input.origin ?? network[0] ?? null;
	if (input.origin) lines.push(`  Join links and QR codes use ORIGIN: ${input.origin}/j/…`);
	if (!joinBase || isLoopbackUrl(joinBase)) {
		lines.push('  Phones cannot reach this address. In a room, start with:');
		lines.push(`    HOST=0.0.0.0 ORIGIN=http://<this laptop's address on the room's network>:${input.port} npm start`);
	} else if (!input.origin) {
		lines.push(`  Join links use the address the facilitator opens; open ${joinBase} (not localhost) so the QR code works for phones,`);
		lines.push(`  or set ORIGIN=${joinBase}`);
	}
	return lines;
}
