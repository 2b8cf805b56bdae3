import type { Plugin } from 'vite';
import type { Server as HttpServer } from 'node:http';
import { loadConfig } from './config.ts';
import { startConcerto } from './app.ts';

/**
 * `vite dev`: mounts the same sync and live servers on Vite's dev server. Upgrades are routed
 * by path (/sync/…, /live), so Vite's own HMR socket is never touched.
 */
export function concertoDev(): Plugin {
	return {
		name: 'concerto-dev-servers',
		apply: 'serve',
		async configureServer(server) {
			if (!server.httpServer) return;
			const concerto = await startConcerto(loadConfig());
			concerto.attach(server.httpServer as HttpServer);
			server.middlewares.use((req, res, next) => {
				if (!concerto.serveOps(req, res)) next();
			});
			server.httpServer.once('close', () => void concerto.close());
		}
	};
}
