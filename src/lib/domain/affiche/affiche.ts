/**
 * The *affiche* of the Strasbourg method: one page, readable from two metres, with the
 * qualities the service promises to promote on top and, below, what the agents, the usagers
 * and both commit to. The facilitator drafts it (prefilled from the confirmed decisions), the
 * room validates it from the phones, then it is published with the validation counts.
 * Pure: shared by the server's commands, the outputs (HTML, PDF, PNG) and the views.
 */
import type { Decision } from '../decisions/decision.ts';
import { CATEGORIES, type Category } from '../workshop/categories.ts';

/** The three groups of commitments, top to bottom on the poster. */
export const SIDES = ['agents', 'usagers', 'both'] as const;
export type Side = (typeof SIDES)[number];

/** Short enough to read from two metres on one A4 page. */
export const AFFICHE_LIMITS = {
	title: 120,
	quality: 120,
	qualities: 8,
	commitment: 200,
	/** Commitments per side. */
	commitments: 8,
	/** A proposed modification's comment. */
	comment: 280
} as const;

export interface AfficheContent {
	title: string;
	qualities: string[];
	commitments: Record<Side, string[]>;
}

/**
 * `draft`: the facilitator writes, phones see nothing. `submitted`: phones see this version and
 * validate it. `published`: final and public, with the counts it was validated by. Editing a
 * submitted affiche makes a new version (validations are per version, so they start again);
 * editing a published one is refused: its counts belong to that exact text, and the
 * restitution page shows it as what the room validated.
 */
export const AFFICHE_STATUSES = ['draft', 'submitted', 'published'] as const;
export type AfficheStatus = (typeof AFFICHE_STATUSES)[number];

export const VALIDATION_CHOICES = ['valide', 'modification'] as const;
export type ValidationChoice = (typeof VALIDATION_CHOICES)[number];

/** Per collège: how many validated and how many proposed a modification. */
export type Tally = Record<Category, { valide: number; modification: number }>;

export interface Affiche {
	content: AfficheContent;
	version: number;
	status: AfficheStatus;
	/** Epoch ms. */
	publishedAt: number | null;
	/** The counts of the published version, kept as they were when it was published. */
	publishedTally: Tally | null;
}

/** One participant's answer to a version (the name only ever reaches facilitators). */
export interface Validation {
	category: Category;
	choice: ValidationChoice;
	comment: string;
}

export const emptyContent = (title = ''): AfficheContent => ({ title, qualities: [], commitments: { agents: [], usagers: [], both: [] } });

/** Which group a confirmed decision's commitment goes in, or null when no collège agent/usager commits. */
export function sideOf(commits: readonly string[]): Side | null {
	const agent = commits.includes('agent');
	const usager = commits.includes('usager');
	if (agent && usager) return 'both';
	if (agent) return 'agents';
	if (usager) return 'usagers';
	return null;
}

/**
 * The first draft: the workshop's title, no qualities yet (the room names them on the poster),
 * and each confirmed decision an agent or usager commits to, in the decisions' order, cut to
 * the poster's limits.
 */
export function draftFromDecisions(title: string, decisions: readonly Pick<Decision, 'title' | 'commits' | 'status'>[]): AfficheContent {
	const content = emptyContent(title.slice(0, AFFICHE_LIMITS.title));
	for (const d of decisions) {
		if (d.status !== 'confirmed') continue;
		const side = sideOf(d.commits);
		if (side && content.commitments[side].length < AFFICHE_LIMITS.commitments)
			content.commitments[side].push(d.title.slice(0, AFFICHE_LIMITS.commitment));
	}
	return content;
}

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The content as stored: lines trimmed, empty lines dropped. Null with a reason when over a limit. */
export function normaliseContent(content: AfficheContent): { ok: true; content: AfficheContent } | { ok: false; message: string } {
	const L = AFFICHE_LIMITS;
	const title = clean(content.title);
	if (!title) return { ok: false, message: 'a title is required' };
	if (title.length > L.title) return { ok: false, message: `the title holds at most ${L.title} characters` };
	const lines = (list: readonly string[], max: number, count: number, what: string) => {
		const kept = list.map(clean).filter(Boolean);
		if (kept.length > count) return `at most ${count} ${what}`;
		if (kept.some((s) => s.length > max)) return `each of the ${what} holds at most ${max} characters`;
		return kept;
	};
	const qualities = lines(content.qualities, L.quality, L.qualities, 'qualities');
	if (typeof qualities === 'string') return { ok: false, message: qualities };
	const commitments = {} as Record<Side, string[]>;
	for (const side of SIDES) {
		const kept = lines(content.commitments[side], L.commitment, L.commitments, `commitments of ${side}`);
		if (typeof kept === 'string') return { ok: false, message: kept };
		commitments[side] = kept;
	}
	return { ok: true, content: { title, qualities, commitments } };
}

export const sameContent = (a: AfficheContent, b: AfficheContent) => JSON.stringify(a) === JSON.stringify(b);

export const emptyTally = (): Tally => Object.fromEntries(CATEGORIES.map((c) => [c, { valide: 0, modification: 0 }])) as Tally;

/** The counts by collège of one version's validations. */
export function tally(validations: readonly Pick<Validation, 'category' | 'choice'>[]): Tally {
	const t = emptyTally();
	for (const v of validations) t[v.category][v.choice] += 1;
	return t;
}

export const tallyTotal = (t: Tally) =>
	Object.values(t).reduce((sum, c) => ({ valide: sum.valide + c.valide, modification: sum.modification + c.modification }), {
		valide: 0,
		modification: 0
	});

/** Why a transition is refused, or null when it is allowed. */
export type Refusal = { code: 'phase_closed' | 'conflict' | 'invalid_input'; message: string } | null;

/** Editing: never once published. */
export function canEdit(status: AfficheStatus | null): Refusal {
	return status === 'published' ? { code: 'phase_closed', message: 'the affiche is published: its validated text no longer changes' } : null;
}

/** Submitting to the room: a draft only. */
export function canSubmit(status: AfficheStatus | null): Refusal {
	if (status === null) return { code: 'invalid_input', message: 'write the affiche before submitting it' };
	return status === 'draft' ? null : { code: 'conflict', message: `the affiche is already ${status}` };
}

/** Publishing: a submitted version only (the room must have seen what is published). */
export function canPublish(status: AfficheStatus | null): Refusal {
	return status === 'submitted' ? null : { code: 'conflict', message: 'only an affiche submitted to the room can be published' };
}

/** A participant's validation: only of the version the room is shown, while it is submitted. */
export function canValidate(affiche: Pick<Affiche, 'status' | 'version'> | null, version: number): Refusal {
	if (!affiche || affiche.status !== 'submitted')
		return { code: 'phase_closed', message: 'no affiche is waiting for validation' };
	if (affiche.version !== version)
		return { code: 'conflict', message: `version ${version} is out of date: the affiche is now version ${affiche.version}` };
	return null;
}
