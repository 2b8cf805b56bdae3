import type { IncomingMessage, ServerResponse, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Config } from './config.ts';
import { createLog, type Log } from './log.ts';
import { openDatabase } from './db/open.ts';
import type { Db } from './db/db.ts';
import { ping } from './db/repositories/health.ts';
import { Rooms } from './sync/rooms.ts';
import { createSyncServer, type SyncServer } from './sync/upgrade.ts';
import { createLiveServer } from './live/server.ts';
import { attachRedisAdapter } from './live/redis-adapter.ts';
import { createMetrics } from './metrics.ts';
import { RedisFanout } from './sync/fanout.ts';
import { registerServices, type Services } from './services.ts';
import { createLimits } from './limits/shared-limiter.ts';
import { perMinute, perSecond } from '../src/lib/domain/limits/token-bucket.ts';
import { createConnectionControl } from './connections.ts';
import { startRetention } from './retention.ts';
import { createOwnerMailer } from './owners/mailer.ts';
import { workshopReportPdf } from './owners/report-attachment.ts';
import { startOwnerReminders } from './owners/reminders.ts';
import { BUILTIN_IDS } from '../src/lib/domain/templates/builtins.ts';
import type { CatalogChunks } from './catalog-chunks.ts';

export interface Concerto {
	db: Db;
	log: Log;
	rooms: Rooms;
	/** Mounts sync and live on an HTTP server (production server or Vite's dev server). */
	attach(server: HttpServer): void;
	/** Answers /healthz, /readyz, /metrics and the sync endpoint's GET /sync/<id>/state; returns false for every other path. */
	serveOps(req: IncomingMessage, res: ServerResponse): boolean;
	/** Stops accepting, saves every document, closes the database. */
	close(): Promise<void>;
}

/** /readyz answers 503 when the database has not answered `SELECT 1` within this time. */
const READY_TIMEOUT_MS = 2_000;

/** What only the production build has: `vite dev` serves the sources and passes none. */
export interface BuildOutput {
	catalogChunks?: CatalogChunks;
}

/** The composition root shared by `npm start` and `vite dev`. */
export async function startConcerto(config: Config, log: Log = createLog(config.logLevel), build: BuildOutput = {}): Promise<Concerto> {
	// Loading the built-in templates validates them: a broken one stops the start here.
	log.debug({ templates: BUILTIN_IDS }, 'built-in templates valid');
	const db = await openDatabase(config);
	log.info({ engine: db.engine, dataDir: db.engine === 'pglite' ? config.dataDir : undefined }, 'database ready');
	const fanout = config.redisUrl ? new RedisFanout(config.redisUrl, log) : null;
	const rooms = new Rooms(
		db,
		{ commitWindowMs: config.commitWindowMs, editWindowMs: config.editWindowMs, compactEvery: config.compactEvery, versionEveryMs: config.versionEveryMs },
		log,
		fanout
	);
	const limits = createLimits(
		{
			commands: perSecond(config.liveCommandsPerSecond),
			notes: perMinute(config.notesPerMinute),
			joins: perMinute(config.joinsPerMinute),
			connections: perMinute(config.connectionsPerMinute)
		},
		config.redisUrl,
		log
	);
	// The owners' e-mails attach the workshop's report as PDF.
	const mailer = config.smtpUrl ? createOwnerMailer(config.smtpUrl, config.mailFrom, workshopReportPdf(db)) : null;
	const services: Services = { config, db, log, connections: null, limits, mailer, catalogChunks: build.catalogChunks };
	registerServices(services);
	const retention = startRetention(db, config, log);
	const reminders = startOwnerReminders(db, config, mailer, log);

	let sync: SyncServer | null = null;
	let io: ReturnType<typeof createLiveServer> | null = null;
	let closeAdapter: (() => void) | null = null;
	const metrics = createMetrics(rooms, {
		syncConnections: () => sync?.connections() ?? 0,
		liveSockets: () => io?.engine.clientsCount ?? 0,
		redisUp: () => (fanout ? fanout.healthy : null)
	});

	return {
		db,
		log,
		rooms,
		attach(server) {
			sync = createSyncServer({ db, rooms, config, log, limits, onMessage: metrics.countSyncMessage });
			const s = sync;
			server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
				s.handleUpgrade(req, socket, head);
			});
			io = createLiveServer(server, { db, rooms, log, config, limits, onDropped: (reason) => metrics.droppedEvents.inc({ reason }) });
			if (config.redisUrl) closeAdapter = attachRedisAdapter(io, config.redisUrl, log);
			services.connections = createConnectionControl(s, io, log);
		},
		serveOps(req, res) {
			// The board's first state for a phone is the sync endpoint's, with its gate.
			if (sync?.serveFirstState(req, res)) return true;
			const path = (req.url ?? '').split('?')[0];
			if (path === '/healthz') {
				res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
				return true;
			}
			if (path === '/readyz') {
				// Redis down does not make us unready: this instance still serves its own clients.
				const redis = fanout ? (fanout.healthy ? 'redis ok' : 'redis unavailable: serving local clients only') : 'single instance';
				// A database host that drops packets would leave SELECT 1 hanging until the
				// connect timeout (30 s); a probe wants an answer within its own timeout.
				const probe = Promise.race([
					ping(db),
					new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS).unref())
				]);
				probe.then(
					() => res.writeHead(200, { 'content-type': 'text/plain' }).end(`ready; ${redis}\n`),
					() => res.writeHead(503, { 'content-type': 'text/plain' }).end(`database unavailable; ${redis}\n`)
				);
				return true;
			}
			if (path === '/metrics') {
				metrics.registry.metrics().then((text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text));
				return true;
			}
			return false;
		},
		async close() {
			retention.stop();
			reminders.stop();
			sync?.close();
			await new Promise<void>((r) => (io ? io.close(() => r()) : r()));
			await rooms.flushAll();
			// Once the edits are stored: changes not yet in a version become one, as when a board leaves memory.
			for (const room of await rooms.loaded()) await rooms.versions.beforeUnload(room);
			await fanout?.close();
			closeAdapter?.();
			await limits.close();
			for (const room of await rooms.loaded()) await room.log.compactNow().catch(() => {});
			registerServices(undefined);
			await db.close();
		}
	};
}
