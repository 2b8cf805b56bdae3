import type { Db } from './db/db.ts';
import type { Config } from './config.ts';
import type { Log } from './log.ts';
import type { Limits } from './limits/shared-limiter.ts';
import type { OwnerMailer } from './owners/mailer.ts';
import type { CatalogChunks } from './catalog-chunks.ts';

/**
 * What the SvelteKit handler shares with the sync and live servers of the same process.
 * The composition root (server/index.ts, or the Vite plugin in dev) registers it before the
 * first request. It lives on globalThis because the SvelteKit build and the server bundle
 * are separate module graphs; there is one Services per process, never per user.
 */
export interface Services {
	config: Config;
	db: Db;
	log: Log;
	/** Ends open sync and live connections whose rights changed; null until the servers are attached. */
	connections: ConnectionControl | null;
	/** Limits shared by every instance (joins per address, commands per person). */
	limits: Limits;
	/** Sends the owners their links and reminders; null (or absent) when SMTP_URL is not set. */
	mailer?: OwnerMailer | null;
	/** The built file of each language's catalog, preloaded by every page; absent in `vite dev`. */
	catalogChunks?: CatalogChunks;
}

/**
 * Trust is decided once per connection, so a form action that changes someone's rights must
 * close their open connections (on every instance); clients reconnect and pass the gates again.
 */
export interface ConnectionControl {
	participantRemoved(workshopId: string, participantId: string): Promise<void>;
	roleChanged(workshopId: string, participantId: string): Promise<void>;
	observersRevoked(workshopId: string): Promise<void>;
}

const KEY = Symbol.for('concerto.services');
type Holder = { [KEY]?: Services };

export function registerServices(services: Services | undefined): void {
	(globalThis as Holder)[KEY] = services;
}

export function services(): Services {
	const s = (globalThis as Holder)[KEY];
	if (!s) throw new Error('Concerto services are not started: run through server/index.ts or `vite dev`');
	return s;
}
