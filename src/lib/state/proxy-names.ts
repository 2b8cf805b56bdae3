import { getContext, setContext } from 'svelte';

const KEY = Symbol('concerto.proxyNames');

/**
 * Who each proxy note was written for, by note id: the facilitator's board provides it from the
 * live channel (names are never in the board document); other screens provide nothing.
 */
export function provideProxyNames(names: () => Record<string, string>): void {
	setContext(KEY, names);
}

/** Call at a component's start: the name behind a proxy note on this screen, if it may show one. */
export function useProxyNames(): (noteId: string) => string | undefined {
	const names = getContext<(() => Record<string, string>) | undefined>(KEY);
	return (noteId) => names?.()[noteId];
}
