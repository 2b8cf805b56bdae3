import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { concertoDev } from './server/dev-plugin.ts';
import { catalogChunks } from './server/catalog-chunks-plugin.ts';

export default defineConfig({
	plugins: [sveltekit(), concertoDev(), catalogChunks()]
});
