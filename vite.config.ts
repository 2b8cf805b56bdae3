import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { concertoDev } from './server/dev-plugin.ts';

export default defineConfig({
	plugins: [sveltekit(), concertoDev()]
});
