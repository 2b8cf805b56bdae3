import type { Phase } from './phase.ts';

/** A phase's fields a facilitator edits in its form, the note included. */
export type PhaseField = 'type' | 'title' | 'minutes' | 'instructions' | 'facilitatorNote' | `settings.${string}`;

export interface PhaseMerge {
	phase: Phase;
	/** Fields changed by someone else since the form opened and kept (the form left them alone). */
	kept: PhaseField[];
	/** Fields both changed differently: the form's value wins, theirs is lost. */
	replaced: PhaseField[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Three-way merge of a phase form's save: `base` is the phase when the form opened, `mine` the
 * form's phase, `theirs` the phase as it is now (a co-facilitator may have saved meanwhile).
 * Only the fields the form changed are written, so saving a form opened before someone else's
 * edit no longer undoes it. The settings belong to the kind: a side that changed the kind
 * brings its settings whole; otherwise they merge key by key.
 */
export function mergePhaseEdit(base: Phase, mine: Phase, theirs: Phase): PhaseMerge {
	const kept: PhaseField[] = [];
	const replaced: PhaseField[] = [];
	function pick<T>(field: PhaseField, b: T, m: T, th: T): T {
		const mineChanged = !same(m, b);
		const theirsChanged = !same(th, b);
		if (!mineChanged) {
			if (theirsChanged) kept.push(field);
			return th;
		}
		if (theirsChanged && !same(m, th)) replaced.push(field);
		return m;
	}
	const type = pick('type', base.type, mine.type, theirs.type);
	let settings: Phase['settings'];
	if (!same(mine.type, base.type)) settings = mine.settings;
	else if (!same(theirs.type, base.type)) settings = theirs.settings;
	else {
		const merged: Record<string, unknown> = {};
		const keys = new Set([...Object.keys(base.settings), ...Object.keys(mine.settings), ...Object.keys(theirs.settings)]);
		const b = base.settings as Record<string, unknown>;
		const m = mine.settings as Record<string, unknown>;
		const th = theirs.settings as Record<string, unknown>;
		for (const key of [...keys].sort()) {
			const value = pick(`settings.${key}`, b[key], m[key], th[key]);
			if (value !== undefined) merged[key] = value;
		}
		settings = merged as Phase['settings'];
	}
	return {
		phase: {
			id: theirs.id,
			type,
			title: pick('title', base.title, mine.title, theirs.title),
			minutes: pick('minutes', base.minutes, mine.minutes, theirs.minutes),
			instructions: pick('instructions', base.instructions, mine.instructions, theirs.instructions),
			facilitatorNote: pick('facilitatorNote', base.facilitatorNote ?? '', mine.facilitatorNote ?? '', theirs.facilitatorNote ?? ''),
			settings
		},
		kept,
		replaced
	};
}
