import { onMount } from 'svelte';
import type { BoardState } from './board.svelte';
import type { LiveChannel } from './live.svelte';
import type { Ticker } from './ticker.svelte';

/**
 * A workshop page's connections, opened in the browser once the component mounts and closed
 * when it goes: the board's sync, the live channel (then `afterLive`, e.g. the outbox that
 * rides on its socket) and the countdown ticker. Call it during component initialisation.
 */
export function connectOnMount(parts: { board: BoardState; live: LiveChannel; ticker: Ticker; afterLive?: () => void }): void {
	onMount(() => {
		parts.board.connect();
		parts.live.connect();
		parts.afterLive?.();
		const stopTicking = parts.ticker.start();
		return () => {
			stopTicking();
			parts.live.destroy();
			parts.board.destroy();
		};
	});
}
