import type { Note } from '../board/notes.ts';
import type { Category } from '../workshop/categories.ts';
import type { AgeBand, Gender } from '../workshop/panel.ts';

/** What Concerto stores about one participant, as the participant's own page and the access export show it. */
export interface PersonRecord {
	id: string;
	displayName: string;
	anonymous: boolean;
	category: Category;
	ageBand: AgeBand | null;
	gender: Gender | null;
	answerEmail: string | null;
	joinedAt: Date;
	removedAt: Date | null;
	erasedAt: Date | null;
}

/** A note as it leaves in an access export: its text and when, nothing of other people. */
export interface ExportedNote {
	id: string;
	text: string;
	createdAt: string;
}

/** Version of the access export's JSON: bump it when a field changes meaning or goes. */
export const PERSONAL_DATA_EXPORT_VERSION = 1;

export interface PersonalDataExport {
	version: typeof PERSONAL_DATA_EXPORT_VERSION;
	workshop: { id: string; title: string };
	exportedAt: string;
	/** Each person's record with its dates as ISO text, and their notes. */
	participants: (Omit<PersonRecord, 'joinedAt' | 'removedAt' | 'erasedAt'> & {
		joinedAt: string;
		removedAt: string | null;
		erasedAt: string | null;
		notes: ExportedNote[];
	})[];
	/** Names a facilitator typed for people without a phone, with the note each is on. */
	proxies: { noteId: string; name: string }[];
	/** The project owners named for the workshop (their names and e-mails are personal data too). */
	owners: { name: string; email: string; organisation: string }[];
}

/**
 * The notes a participant wrote that are linked to them: notes on the board signed with their
 * id, and notes of a silent phase still waiting for the reveal. Anonymous notes on the board
 * carry no author, so nobody (not even the server) can give them back to a person.
 */
export function notesOfParticipant(participantId: string, board: readonly Note[], waiting: readonly { id: string; authorId: string; text: string; createdAt: Date }[]): ExportedNote[] {
	const onBoard = board
		.filter((n) => n.authorId === participantId)
		.map((n) => ({ id: n.id, text: n.text, createdAt: new Date(n.createdAt).toISOString() }));
	const hidden = waiting
		.filter((n) => n.authorId === participantId && !onBoard.some((b) => b.id === n.id))
		.map((n) => ({ id: n.id, text: n.text, createdAt: n.createdAt.toISOString() }));
	return [...onBoard, ...hidden].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** Everything a workshop holds about people, for an access request (GDPR article 15). */
export function personalDataExport(input: {
	workshop: { id: string; title: string };
	participants: readonly PersonRecord[];
	board: readonly Note[];
	waiting: readonly { id: string; authorId: string; text: string; createdAt: Date }[];
	owners: readonly { name: string; email: string; organisation: string }[];
	/** Names behind proxy notes, kept on the server by note id. */
	proxyNames?: Readonly<Record<string, string>>;
	now: Date;
}): PersonalDataExport {
	const iso = (d: Date | null) => (d === null ? null : d.toISOString());
	return {
		version: PERSONAL_DATA_EXPORT_VERSION,
		workshop: { id: input.workshop.id, title: input.workshop.title },
		exportedAt: input.now.toISOString(),
		participants: input.participants.map((p) => ({
			id: p.id,
			displayName: p.displayName,
			anonymous: p.anonymous,
			category: p.category,
			ageBand: p.ageBand,
			gender: p.gender,
			answerEmail: p.answerEmail,
			joinedAt: p.joinedAt.toISOString(),
			removedAt: iso(p.removedAt),
			erasedAt: iso(p.erasedAt),
			notes: notesOfParticipant(p.id, input.board, input.waiting)
		})),
		// Names kept on the server, and any an older board still holds in its document.
		proxies: [
			...Object.entries(input.proxyNames ?? {}).map(([noteId, name]) => ({ noteId, name })),
			...input.board.filter((n) => n.proxy?.name && !input.proxyNames?.[n.id]).map((n) => ({ noteId: n.id, name: n.proxy?.name ?? '' }))
		],
		owners: input.owners.map((o) => ({ name: o.name, email: o.email, organisation: o.organisation }))
	};
}

export const ANSWER_EMAIL_MAX = 254;

/**
 * An e-mail address as a participant types it, checked just enough to be deliverable: one
 * @, something before it, a dot in the domain, no spaces. null when it is not usable.
 */
export function cleanAnswerEmail(input: unknown): string | null {
	if (typeof input !== 'string') return null;
	const email = input.trim();
	if (email.length < 3 || email.length > ANSWER_EMAIL_MAX) return null;
	return /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;.]+$/.test(email) ? email : null;
}
