/**
 * The phone's panels that belong to one kind of phase (or to its results), loaded when the room
 * gets there: a phone opening the page downloads, parses and hydrates only the composer and the
 * ideas list, which every phase shows, instead of the vote, poll, persona, matrix and affiche
 * code (a cheap phone on a slow network waits for every byte before its first input). Each is
 * fetched once, then kept by the module loader.
 */
export const phasePanels = {
	position: () => import('$lib/components/positioning/MarkerPlacer.svelte'),
	persona: () => import('$lib/components/persona/PersonaPanel.svelte'),
	cluster: () => import('./OwnNoteClusters.svelte'),
	priorities: () => import('$lib/components/priorities/PriorityPlacer.svelte'),
	vote: () => import('$lib/components/vote/VotePanel.svelte'),
	voteResults: () => import('$lib/components/vote/VoteResultsView.svelte'),
	poll: () => import('$lib/components/poll/PollPanel.svelte'),
	pollResults: () => import('$lib/components/poll/PollResultsView.svelte'),
	decisions: () => import('$lib/components/decisions/DecisionList.svelte'),
	affiche: () => import('$lib/components/affiche/AfficheValidation.svelte')
};
