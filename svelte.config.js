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
		csrf: { trustedOrigins: [] }
	}
};

export default config;
