import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// Unit and database tests run from source; integration tests start the built server
// (`npm run build` first — `npm test` does it) as a real process on a random port.
export default defineConfig({
	plugins: [sveltekit()],
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts', 'server/**/*.test.ts', 'test/db/**/*.test.ts', 'test/deploy/**/*.test.ts', 'bench/**/*.test.ts'],
					testTimeout: 30_000,
					// Opening PGlite and creating a PostgreSQL database take seconds on a busy 2-core machine.
					hookTimeout: 60_000,
					// Vitest's default on two cores is one worker; these files are mostly module loading,
					// and two at a time took the project from ~166 s to ~112 s here.
					maxWorkers: 2
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['test/integration/**/*.test.ts'],
					testTimeout: 60_000,
					hookTimeout: 60_000,
					// Each file starts its own servers on free ports with its own database, data
					// directory and workshops, so two files at a time share nothing. They mostly wait
					// on their servers: two at a time took the project from ~254 s to ~162 s here, and
					// the whole run passed with one and with two busy loops beside it (a slow hour).
					maxWorkers: 2
				}
			}
		]
	}
});
