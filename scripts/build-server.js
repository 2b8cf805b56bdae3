// Bundles server/ (the composition root) into dist/server.js; npm packages stay external.
import { build } from 'esbuild';
import { cpSync, rmSync } from 'node:fs';
import { buildKitWithoutAsyncLocalStorage } from './kit-without-als.js';

rmSync('dist', { recursive: true, force: true });
await build({
	entryPoints: ['server/index.ts'],
	outfile: 'dist/server.js',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	sourcemap: true,
	logLevel: 'warning'
});
buildKitWithoutAsyncLocalStorage('build/server');
cpSync('server/db/migrations', 'dist/migrations', { recursive: true });
console.log('built dist/server.js');
