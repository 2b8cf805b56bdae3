/**
 * Decisions and commitments (*décisions et engagements*): what a workshop commits to, who
 * commits (one or several collèges, or the project owner), who is responsible, by when, and by
 * when the owner answers. Written by facilitators during a decisions phase; read by every
 * screen; answered later by the owners. Pure: shared by the server's commands and the views.
 */

/**
 * Who commits. The Strasbourg *engagements* ("les agents s'engagent à…", "les usagers
 * s'engagent à…") are decisions whose committing side is a collège; `owner` is the project
 * owner (*porteur·se de projet*).
 */
export const COMMITTERS = ['agent', 'usager', 'elu', 'owner'] as const;
export type Committer = (typeof COMMITTERS)[number];

/**
 * Where a decision stands in the room: `proposed` (written, not agreed yet), `confirmed` (the
 * room agreed: it goes to the owners), `dropped` (kept for the record, struck out). The owners'
 * own answers (accepted / adapted / declined) come later, recorded apart.
 */
export const DECISION_STATUSES = ['proposed', 'confirmed', 'dropped'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export const DECISION_LIMITS = {
	title: 200,
	text: 2000,
	responsible: 200,
	sourceId: 64,
	/** Decisions per workshop. */
	decisions: 100,
	ownerName: 120,
	ownerEmail: 254,
	ownerOrganisation: 200,
	/** Owners per workshop. */
	owners: 10
} as const;

/** A calendar day, `YYYY-MM-DD` (no time, no zone: "à rendre le 15 mars"). */
export type Day = string;

/** A decision as every screen sees it, in the workshop's order. */
export interface Decision {
	id: string;
	title: string;
	text: string;
	/** In {@link COMMITTERS} order, without repeats. */
	commits: Committer[];
	/** A person or a service, in free text. */
	responsible: string;
	dueDate: Day | null;
	/** The date by which the owner will answer. */
	answerBy: Day | null;
	status: DecisionStatus;
	/** The priority, cluster or note it came from (kept as given: priorities come later). */
	sourceId: string | null;
}

/** A decision as a facilitator writes it: no id for a new one. */
export type DecisionDraft = Omit<Decision, 'id'> & { id?: string };

/** A project owner (*porteur·se de projet*). Screens other than facilitators' never get the e-mail. */
export interface Owner {
	id: string;
	name: string;
	email: string;
	organisation: string;
}
export type PublicOwner = Omit<Owner, 'email'>;

/** What the `decisions` push carries: the facilitators' copy has the owners' e-mails, the room's not. */
export interface DecisionsView {
	decisions: Decision[];
	owners: Owner[] | PublicOwner[];
}

/** True for a real calendar day written `YYYY-MM-DD` (so 2026-02-30 is refused). */
export function isDay(value: string): boolean {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!m) return false;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const date = new Date(Date.UTC(y, mo - 1, d));
	return y >= 2000 && y <= 2200 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Committers in their canonical order, without repeats (the order ticked does not matter). */
export function normaliseCommits(commits: readonly Committer[]): Committer[] {
	return COMMITTERS.filter((c) => commits.includes(c));
}

/**
 * The ids in their new order after moving `id` to index `to` (clamped to the list), or null
 * when `id` is not in the list.
 */
export function moveTo(ids: readonly string[], id: string, to: number): string[] | null {
	const from = ids.indexOf(id);
	if (from < 0) return null;
	const rest = ids.filter((x) => x !== id);
	const at = Math.max(0, Math.min(rest.length, Math.trunc(to)));
	return [...rest.slice(0, at), id, ...rest.slice(at)];
}

/** The owners as the room may see them: name and organisation, never the e-mail. */
export function publicOwners(owners: readonly Owner[]): PublicOwner[] {
	return owners.map(({ id, name, organisation }) => ({ id, name, organisation }));
}
