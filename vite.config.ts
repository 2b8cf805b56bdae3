import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { concertoDev } from './server/dev-plugin.ts';
import { catalogChunks } from './server/catalog-chunks-plugin.ts';

/**
 * The browser's code is split by which pages use it (rolldown's `entriesAware`: modules used by
 * the same set of pages and lazily loaded panels share a chunk), and a set whose code is under
 * 2 KB joins its closest neighbour instead of being a file of its own. On a phone each file is a
 * request on one of the six connections a browser opens to a host, each waiting a round trip
 * (150 ms on the phone budget's network): the participant page went from 31 files and 135 KB of
 * JavaScript before its first paint to 26 files and 113 KB, and became interactive 0.15–0.25 s
 * sooner (1,710–1,755 ms against 1,869–1,992 ms, three runs each). Every page measured loads fewer
 * files and fewer bytes. A threshold of 4 KB or more pulled a 38 KB chunk into the participant
 * page (151 KB, over its budget, and slower); 1–2.5 KB gave the same page. A style sheet of such a
 * chunk is named after the pages that share it (e.g. `assets/shared~nodes/0~nodes/12.<hash>.css`):
 * SvelteKit fixes the assets' name pattern and its page entries are named `nodes/<n>`, hence the
 * nested folders. They are served like any other immutable asset.
 */
const MERGE_BELOW_BYTES = 2000;

export default defineConfig({
	plugins: [sveltekit(), concertoDev(), catalogChunks()],
	environments: {
		client: {
			build: {
				rolldownOptions: {
					output: {
						codeSplitting: { groups: [{ name: 'shared', entriesAware: true, entriesAwareMergeThreshold: MERGE_BELOW_BYTES }] }
					}
				}
			}
		}
	}
});
