import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/*
 * Boundaries (README, "Where server code goes"). no-restricted-imports sees the import as
 * written, not resolved, so "outside src/lib/domain" is a `../` run longer than the file's
 * depth below it: one config per depth.
 */
const DOMAIN_DEPTHS = [0, 1, 2, 3];
// src/lib/domain is three levels below the root: `allowed` are paths from the root (workshops/…, test/…).
const climbsOut = (depth, allowed) => `^(?!(\\.\\./){${depth + 3}}(${allowed.join('|')}))(\\.\\./){${depth + 1}}`;
const domainRules = (depth, tests) => ({
	'no-restricted-imports': [
		'error',
		{
			patterns: [
				{
					// The built-in templates are data (workshops/*.json) that the domain validates, not code.
					// Tests may also use the shared test helpers and fixtures.
					regex: climbsOut(depth, tests ? ['workshops/[\\w-]+\\.json$', 'test/'] : ['workshops/[\\w-]+\\.json$']),
					message: 'src/lib/domain imports nothing outside itself except npm packages: it runs unchanged in the browser and on the server.'
				},
				{ regex: '^\\$', message: 'src/lib/domain uses relative imports within itself; aliases lead outside it.' },
				...(tests ? [] : [{ regex: '^(node:|svelte($|/))', message: 'src/lib/domain is pure: no Node or Svelte imports.' }])
			]
		}
	]
});

export default ts.config(
	{ ignores: ['build/', 'dist/', '.svelte-kit/', 'node_modules/', 'data/', 'test-results/', 'playwright-report/', 'bench/results/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig }
		}
	},
	{
		// The built server leaves out SvelteKit's AsyncLocalStorage (scripts/kit-without-als.js):
		// what needs it to see the request after an `await` is not used. (src/lib/domain's own
		// rule below forbids every alias anyway.)
		files: ['src/**/*.ts', 'src/**/*.svelte'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [
						{ name: '$app/server', message: 'getRequestEvent, read and remote functions need AsyncLocalStorage, left out of the build (scripts/kit-without-als.js).' },
						{ name: '$app/paths', message: 'resolve() reads the request through AsyncLocalStorage, left out of the build (scripts/kit-without-als.js); write the path.' }
					]
				}
			]
		}
	},
	...DOMAIN_DEPTHS.flatMap((depth) => {
		const files = [`src/lib/domain/${'*/'.repeat(depth)}*.ts`];
		return [
			{ files, ignores: ['**/*.test.ts'], rules: domainRules(depth, false) },
			{ files: files.map((f) => f.replace(/\.ts$/, '.test.ts')), rules: domainRules(depth, true) }
		];
	}),
	{
		// server/ is bundled by esbuild without SvelteKit's aliases, and must not depend on the SvelteKit glue.
		files: ['server/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{ regex: '(^|/)src/(lib/server|routes)(/|$)', message: 'server/ never imports SvelteKit glue (src/lib/server, src/routes): move what you need into server/.' },
						{ regex: '^(\\$|@sveltejs/kit($|/))', message: 'server/ is independent of SvelteKit and its aliases: use relative imports.' }
					]
				}
			]
		}
	},
	{
		// No import cycles in server/ or src/ (type-only imports are erased at build, so they don't count).
		files: ['server/**/*.ts', 'src/**/*.ts', 'src/**/*.svelte'],
		plugins: { 'import-x': importX },
		// no-cycle parses each dependency with the linted file's options: a .svelte dependency
		// of a .ts file needs the TypeScript parser for its <script lang="ts">.
		languageOptions: { parserOptions: { parser: ts.parser, svelteConfig } },
		settings: {
			'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json', extensions: ['.ts', '.js', '.svelte'] })],
			'import-x/extensions': ['.ts', '.js', '.svelte'],
			'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.js'], 'svelte-eslint-parser': ['.svelte'] }
		},
		rules: { 'import-x/no-cycle': 'error' }
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			// Links are built with resolve() where it matters; plain hrefs are fine for our flat routes.
			'svelte/no-navigation-without-resolve': 'off'
		}
	}
);
