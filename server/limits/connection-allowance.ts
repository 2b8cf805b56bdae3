import type { IncomingMessage } from 'node:http';
import type { Limits } from './shared-limiter.ts';
import { clientAddress, type AddressSource } from './client-address.ts';

/**
 * The one allowance of connections per client address — sync sockets, first states and live
 * handshakes share it — checked at each gate before any database read. Null when this request
 * may go on; otherwise how long to wait, and the words to say so.
 */
export async function tooManyConnections(
	limits: Pick<Limits, 'connections'>,
	req: IncomingMessage,
	from: AddressSource
): Promise<{ retryAfterS: number; message: string } | null> {
	const waitMs = await limits.connections.check(clientAddress(req, from));
	if (waitMs <= 0) return null;
	const retryAfterS = Math.ceil(waitMs / 1000);
	return { retryAfterS, message: `too many connections from this address; retry in ${retryAfterS} s` };
}
