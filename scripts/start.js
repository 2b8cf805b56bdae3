// `npm start`: builds on first run (or when asked with CONCERTO_REBUILD=1), then serves.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const built = existsSync('build/handler.js') && existsSync('dist/server.js');
if (!built || process.env.CONCERTO_REBUILD === '1') {
	console.log('Concerto: building (first start only)…');
	const r = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
	if (r.status !== 0) process.exit(r.status ?? 1);
}
// A computed specifier keeps the type checker out of the generated bundle.
await import(new URL('../dist/server.js', import.meta.url).href);
