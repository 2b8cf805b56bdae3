import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build' }),
		alias: { $server: 'server' },
		// Forms are posted from our own pages only; the sync and live gates check Origin themselves.
		csrf: { trustedOrigins: [] },
		// Small style sheets go inline into the page: on a phone network each request waits a round
		// trip for one of six connections, and the participant page had fifteen sheets, ten under 1 kB.
		inlineStyleThreshold: 1200,
		// A second wall behind escaping every free text: SvelteKit puts a nonce on its own inline
		// script, so no injected script can run. Styles stay 'unsafe-inline' (Svelte's style
		// attributes place notes and cursors); they cannot run code. No framing (clickjacking).
		csp: {
			mode: 'nonce',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
