import type { MessageKey } from '$lib/i18n/fr';
import type { Translate } from '$lib/i18n/format';

/** The phase form's label of each field a schema problem can point at. */
const LABELS: Record<string, MessageKey> = {
	title: 'phaseForm.title',
	type: 'phaseForm.type',
	minutes: 'agenda.minutes',
	instructions: 'phaseForm.instructions',
	facilitatorNote: 'phaseForm.facilitatorNote',
	silent: 'agenda.silent',
	anonymous: 'agenda.anonymous',
	categories: 'phaseForm.categories',
	prompts: 'phaseForm.prompts',
	dots: 'phaseForm.dots',
	maxDotsPerItem: 'phaseForm.maxDotsPerItem',
	voteOn: 'phaseForm.voteOn',
	ownItems: 'phaseForm.ownItems',
	leftPole: 'agenda.leftPole',
	rightPole: 'agenda.rightPole',
	top: 'phaseForm.top',
	placedBy: 'phaseForm.placedBy',
	question: 'agenda.poll.question',
	choices: 'agenda.poll.choices'
};

/**
 * A problem's place in a phase as the form names it: `settings.prompts[2]` → "Rubriques, une par
 * ligne (3)". An unknown path is shown as it is.
 */
export function fieldLabel(t: Translate, path: string): string {
	const m = /^(?:settings\.)?([A-Za-z]+)(?:\[(\d+)\])?/.exec(path);
	const key = m ? LABELS[m[1]] : undefined;
	if (!m || !key) return path;
	return m[2] === undefined ? t(key) : `${t(key)} (${Number(m[2]) + 1})`;
}
