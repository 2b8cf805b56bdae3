// Before the end-to-end tests: use Debian's Chromium when it is installed (CI and machines
// without internet), otherwise let Playwright download its own Chromium once.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

if (existsSync('/usr/bin/chromium')) {
	console.log('e2e: using /usr/bin/chromium');
} else {
	console.log('e2e: /usr/bin/chromium not found, installing Playwright’s Chromium…');
	const r = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
	if (r.status !== 0) {
		console.error('e2e: could not install a browser; on Debian: apt-get install -y chromium');
		process.exit(r.status ?? 1);
	}
}
