import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium where it exists (this network cannot download Playwright's own browser);
// elsewhere `scripts/ensure-browser.js` has installed Playwright's Chromium before we run.
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const launchOptions = existsSync(DEBIAN_CHROMIUM)
	? {
			executablePath: DEBIAN_CHROMIUM,
			args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync']
		}
	: {};

const PORT = Number(process.env.E2E_PORT ?? 4173);
// Every run starts on a fresh embedded database, so tests never see another run's accounts.
const dataDir = mkdtempSync(join(tmpdir(), 'concerto-e2e-'));

export default defineConfig({
	testDir: 'test/e2e',
	testMatch: '**/*.e2e.ts',
	// Generous: several browsers and the server share two cores, and CI's machine may be busy.
	timeout: 120_000,
	expect: { timeout: 10_000 },
	// Two files at a time (tests within a file stay in order): a browser spends much of a test
	// waiting on the server and the other browsers, so two overlap well even on two cores
	// (the whole suite: 12.8 min with one worker in CI, 7.6 min with two on a machine loaded 13).
	// Each test makes its own workshop and accounts, so files never see each other's data.
	fullyParallel: false,
	workers: Number(process.env.E2E_WORKERS ?? 2),
	forbidOnly: !!process.env.CI,
	reporter: process.env.CI ? 'list' : [['list']],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		locale: 'fr-FR',
		trace: 'retain-on-failure',
		launchOptions
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions } }],
	webServer: {
		// The production build, as `npm start` serves it (`npm test` builds before this step).
		command: 'node dist/server.js',
		url: `http://127.0.0.1:${PORT}/healthz`,
		reuseExistingServer: false,
		// PGlite's first start can take a minute on a busy 2-core machine; waiting longer costs nothing.
		timeout: 180_000,
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			CONCERTO_DATA_DIR: dataDir,
			DATABASE_URL: '',
			REDIS_URL: '',
			LOG_LEVEL: 'warn'
		}
	}
});
