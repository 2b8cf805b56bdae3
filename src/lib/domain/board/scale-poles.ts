import type { PhaseSettings } from '../agenda/phase.ts';

/**
 * The poles a positioning phase's scale gets when its facilitator set none: the Strasbourg
 * method's own pair. Written into the document in French, like the rest of a French workshop.
 */
export const DEFAULT_POLES = { leftPole: 'Relation idéale', rightPole: 'Relation chaotique' } as const;

export interface Poles {
	leftPole: string;
	rightPole: string;
}

/** The poles of a positioning phase, each falling back to its default when unset or blank. */
export function polesOf(settings: Pick<PhaseSettings, 'leftPole' | 'rightPole'>): Poles {
	return {
		leftPole: settings.leftPole?.trim() || DEFAULT_POLES.leftPole,
		rightPole: settings.rightPole?.trim() || DEFAULT_POLES.rightPole
	};
}

/**
 * A pole as it reads inside a sentence ("plutôt relation idéale"): its first letter in lower
 * case, unless its first word looks like an acronym or a name kept in capitals ("CAF", "RSA").
 */
export function poleInSentence(pole: string): string {
	const text = pole.trim();
	const firstWord = text.split(/\s/, 1)[0];
	if ([...firstWord].slice(1).some((c) => c !== c.toLowerCase())) return text;
	return text.charAt(0).toLowerCase() + text.slice(1);
}
