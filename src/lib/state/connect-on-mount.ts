import { onMount } from 'svelte';
import type { BoardState } from './board.svelte';
import type { LiveChannel } from './live.svelte';
import type { Ticker } from './ticker.svelte';

/**
 * A workshop page's connections, opened in the browser once the component mounts and closed
 * when it goes: the board's sync, the live channel (then `afterLive`, e.g. the outbox that
 * rides on its socket) and the countdown ticker. `firstState`: the page preloads the board's first
 * state (see BoardState.connect). Call it during component initialisation.
 */
export function connectOnMount(parts: { board: BoardState; live: LiveChannel; ticker: Ticker; afterLive?: () => void; firstState?: boolean }): void {
	onMount(() => {
		parts.board.connect({ firstState: parts.firstState });
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
