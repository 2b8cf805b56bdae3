/**
 * Calls `offline` when the device loses its network and `online` when it comes back; returns
 * the unsubscribe. A phone that walks out of the town hall's Wi-Fi keeps a half-open socket
 * that only notices after tens of seconds of silence: reconnecting on the browser's own
 * signal sends the outbox as soon as the network is back.
 */
export function onNetworkChange(online: () => void, offline: () => void): () => void {
	if (typeof window === 'undefined') return () => {};
	window.addEventListener('online', online);
	window.addEventListener('offline', offline);
	return () => {
		window.removeEventListener('online', online);
		window.removeEventListener('offline', offline);
	};
}
