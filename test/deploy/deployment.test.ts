import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';

/**
 * No container engine runs where the tests run, so the image and the compose file are checked
 * as files: what an IT team relies on (stages, an unprivileged user, a health check, production
 * dependencies only; every setting documented) must not rot unnoticed.
 */
const read = (path: string) => readFileSync(path, 'utf8');

/** The Dockerfile's instructions by stage, continuation lines joined. */
function stages(dockerfile: string): Array<{ name: string; base: string; lines: string[] }> {
	const lines = dockerfile
		.replace(/\\\n\s*/g, ' ')
		.split('\n')
		.map((l) => l.trim())
		.filter((l) => l && !l.startsWith('#'));
	const out: Array<{ name: string; base: string; lines: string[] }> = [];
	for (const line of lines) {
		const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
		if (from) out.push({ base: from[1], name: from[2] ?? String(out.length), lines: [] });
		else out.at(-1)?.lines.push(line);
	}
	return out;
}

/** Variables named in the README's configuration table. */
function documented(): Set<string> {
	const readme = read('README.md');
	const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 5));
	return new Set([...table.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]));
}

describe('Dockerfile', () => {
	const all = stages(read('Dockerfile'));
	const build = all[0];
	const runtime = all.at(-1)!;

	test('builds in one stage and runs in another, from a Node version the project supports', () => {
		expect(all.length).toBeGreaterThanOrEqual(2);
		for (const s of all) expect(s.base).toMatch(/^node:(2[0-9])\b/);
		expect(build.lines.some((l) => /^RUN .*npm ci\b/.test(l))).toBe(true);
		expect(build.lines.some((l) => /npm run build/.test(l))).toBe(true);
	});

	test('the runtime stage carries production dependencies and the build only, never the sources', () => {
		expect(build.lines.some((l) => /npm prune --omit=dev/.test(l))).toBe(true);
		const copies = runtime.lines.filter((l) => l.startsWith('COPY'));
		for (const c of copies) expect(c, c).toMatch(new RegExp(`--from=${build.name}\\b`));
		expect(copies.map((c) => c.split(/\s+/).at(-2))).toEqual(expect.arrayContaining(['/app/node_modules', '/app/build', '/app/dist']));
		expect(runtime.lines.some((l) => /^RUN .*npm (ci|install)/.test(l))).toBe(false);
	});

	test('runs as an unprivileged user, checks /healthz and starts the server bundle', () => {
		const user = runtime.lines.filter((l) => l.startsWith('USER')).at(-1);
		expect(user).toBeDefined();
		expect(user!.split(/\s+/)[1]).not.toMatch(/^(root|0)(:|$)/);
		expect(runtime.lines.find((l) => l.startsWith('HEALTHCHECK'))).toMatch(/\/healthz/);
		expect(runtime.lines.find((l) => l.startsWith('CMD'))).toMatch(/dist\/server\.js/);
		expect(runtime.lines.find((l) => l.startsWith('ENV'))).toMatch(/HOST=0\.0\.0\.0/);
	});

	test('the build context leaves out dependencies, builds and the repository', () => {
		const ignored = read('.dockerignore').split('\n');
		for (const entry of ['node_modules', 'build', 'dist', '.git', 'data']) expect(ignored).toContain(entry);
	});
});

describe('compose.yaml', () => {
	const compose = parse(read('compose.yaml'), { merge: true }) as {
		services: Record<string, { build?: string; image?: string; environment?: Record<string, string>; depends_on?: unknown; volumes?: string[] }>;
	};
	const instances = Object.entries(compose.services).filter(([, s]) => s.build === '.');

	test('two Concerto instances behind a proxy, with PostgreSQL and Redis', () => {
		expect(instances.length).toBe(2);
		expect(compose.services.postgres?.image).toMatch(/^postgres:/);
		expect(compose.services.redis?.image).toMatch(/^redis:/);
		expect(compose.services.proxy?.image).toBeDefined();
		const caddyfile = read('deploy/Caddyfile');
		for (const [name, s] of instances) expect(caddyfile).toContain(`${name}:${s.environment?.PORT}`);
	});

	test('the proxy does not forward /metrics from outside: it answers 404 there (Caddy runs respond before reverse_proxy)', () => {
		const caddyfile = read('deploy/Caddyfile');
		const site = caddyfile.slice(caddyfile.indexOf('{$ORIGIN} {'));
		const matcher = /^\s*@(\w+)\s+path\s+([^\n]+)$/m.exec(site);
		expect(matcher?.[2].split(/\s+/)).toEqual(expect.arrayContaining(['/metrics', '/metrics/*']));
		expect(site).toMatch(new RegExp(`^\\s*respond\\s+@${matcher?.[1]}\\s+404\\s*$`, 'm'));
		// No other route (a handle or a second site) proxies it after all.
		expect(caddyfile.match(/reverse_proxy/g)?.length).toBe(1);
		expect(caddyfile).not.toMatch(/handle(_path)?\s+\/metrics/);
	});

	test('every instance is configured for several instances, and every setting it uses is documented', () => {
		const known = documented();
		for (const [name, s] of instances) {
			const env = s.environment ?? {};
			expect(env.DATABASE_URL, name).toMatch(/@postgres:5432\//);
			expect(env.REDIS_URL, name).toMatch(/^redis:\/\/redis:6379/);
			expect(env.HOST, name).toBe('0.0.0.0');
			expect(env.ORIGIN, name).toBeDefined();
			expect(env.ADDRESS_HEADER, name).toBe('x-forwarded-for');
			for (const key of Object.keys(env)) expect(known, `${key} (used by ${name}) in the README's configuration table`).toContain(key);
		}
	});
});

describe('README configuration table', () => {
	test('documents every variable the server reads', () => {
		const config = read('server/config.ts');
		const read_ = new Set([...config.matchAll(/env\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]));
		expect(read_.size).toBeGreaterThan(10);
		const known = documented();
		for (const key of read_) expect(known, key).toContain(key);
	});
});
