import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { loadConfig } from './config.ts';
import { createLog } from './log.ts';
import { startConcerto } from './app.ts';
import { readCatalogChunks } from './catalog-chunks.ts';
import { networkInterfaces } from 'node:os';
import { startBanner } from '../src/lib/domain/workshop/reachability.ts';
import { compressPages } from './compress-pages.ts';

const PROTOCOL_HEADER = 'x-concerto-protocol';

/**
 * Production entry (`npm start`): one plain HTTP server carrying the SvelteKit handler, the
 * sync endpoint and socket.io, on one port.
 */
async function main(): Promise<void> {
	let config;
	try {
		config = loadConfig();
	} catch (e) {
		console.error(`Concerto: bad configuration: ${(e as Error).message}`);
		process.exit(2);
	}
	const log = createLog(config.logLevel);
	let concerto;
	try {
		// adapter-node copies the client files to build/client (under paths.base, were one set: none is).
		const catalogChunks = readCatalogChunks(new URL('../build/client/', import.meta.url));
		concerto = await startConcerto(config, log, { catalogChunks });
	} catch (e) {
		log.fatal({ err: (e as Error).message }, 'Concerto could not start');
		console.error(`Concerto could not start: ${(e as Error).message}`);
		process.exit(1);
	}
	// adapter-node assumes https when it is told nothing, which makes SvelteKit's CSRF check
	// refuse every form posted over plain http (a laptop in a workshop room). Unless the
	// deployer gave ORIGIN or their proxy's PROTOCOL_HEADER, we tell it the socket's own
	// protocol through a header we set ourselves, overwriting whatever a client sent.
	const ownProtocolHeader = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
	if (ownProtocolHeader) process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;
	// The SvelteKit build is loaded after the services are registered, at a path esbuild leaves alone.
	const handlerUrl = new URL('../build/handler.js', import.meta.url).href;
	const { handler } = (await import(handlerUrl)) as {
		handler: (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;
	};
	const c = concerto;
	const server = createServer((req, res) => {
		if (c.serveOps(req, res)) return;
		if (ownProtocolHeader) req.headers[PROTOCOL_HEADER] = 'encrypted' in req.socket ? 'https' : 'http';
		compressPages(req, res, () => handler(req, res, () => res.writeHead(404).end('Not found')));
	});
	c.attach(server);
	/** Saves the documents and closes the database, then exits with `code` (1 if that fails, or takes over 15 s). */
	const closeAndExit = (code: number) => {
		const force = setTimeout(() => process.exit(1), 15_000);
		c.close()
			.then(() => {
				clearTimeout(force);
				process.exit(code);
			})
			.catch((e: Error) => {
				log.error({ err: e.message }, 'shutdown failed');
				process.exit(1);
			});
	};
	// A port already taken (a second `npm start`, another app) is the usual first-start mistake:
	// say so and how to fix it, and close the database cleanly, instead of an unhandled error.
	const cannotListen = (e: NodeJS.ErrnoException) => {
		log.fatal({ err: e.message }, 'Concerto could not start');
		console.error(`Concerto could not start: ${listenFailure(e, config.host, config.port)}`);
		closeAndExit(1);
	};
	server.once('error', cannotListen);
	server.listen(config.port, config.host, () => {
		server.off('error', cannotListen);
		const address = server.address();
		const port = typeof address === 'object' && address ? address.port : config.port;
		log.info({ port }, 'listening');
		// Where phones can reach us, and how to fix it when they cannot (a laptop listens on loopback).
		console.log(startBanner({ host: config.host, port, origin: config.origin, interfaces: networkInterfaces() }).join('\n'));
	});

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		log.info({ signal }, 'shutting down: saving documents');
		server.close();
		server.closeAllConnections?.();
		closeAndExit(0);
	};
	process.on('SIGTERM', () => stop('SIGTERM'));
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('unhandledRejection', (e) => log.error({ err: String(e) }, 'unhandled rejection'));
}

/** What to tell the person who started Concerto when it cannot listen. */
function listenFailure(e: NodeJS.ErrnoException, host: string, port: number): string {
	if (e.code === 'EADDRINUSE') return `${host}:${port} is already in use (Concerto already running, or another program); set PORT to a free port`;
	if (e.code === 'EACCES') return `no permission to listen on ${host}:${port}; set PORT to a port above 1023`;
	if (e.code === 'EADDRNOTAVAIL') return `${host} is not an address of this machine; set HOST (0.0.0.0 for every interface)`;
	return e.message;
}

void main();
