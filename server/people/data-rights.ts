import type { Services } from '../services.ts';
import type { Queryable } from '../db/db.ts';
import { allParticipants, eraseParticipantData, findParticipant, type Participant } from '../db/repositories/participants.ts';
import { storedDoc } from '../templates/carry-over.ts';
import { waitingHiddenNotes } from '../db/repositories/hidden-notes.ts';
import { readOwners } from '../db/repositories/decisions.ts';
import { readNotes, type Note } from '../../src/lib/domain/board/notes.ts';
import { notesOfParticipant, personalDataExport, type PersonalDataExport } from '../../src/lib/domain/rights/personal-data.ts';
import { readProxyNames } from '../db/repositories/proxy-names.ts';

/*
 * Data rights (GDPR): what a workshop holds about people, shown to them, exported for an
 * access request, and erased on demand. The board document never holds a participant's name
 * (notes carry their id and collège only), so erasing the participant row is enough to
 * unlink their notes from them; the notes stay, as the counts do.
 */

/** The board's notes as stored (every instance writes its updates to the log within moments). */
async function boardNotes(db: Queryable, workshopId: string): Promise<Note[]> {
	const doc = await storedDoc(db, workshopId);
	const notes = readNotes(doc);
	doc.destroy();
	return notes;
}

/** What a participant's own page shows: what is stored about them, and how many notes are theirs. */
export async function ownData(db: Queryable, participant: Participant): Promise<{ participant: Participant; noteCount: number }> {
	const [board, waiting] = await Promise.all([boardNotes(db, participant.workshopId), waitingHiddenNotes(db, participant.workshopId)]);
	return { participant, noteCount: notesOfParticipant(participant.id, board, waiting).length };
}

/** Everything the workshop holds about people, for an access request. Callers check the facilitator's right first. */
export async function exportPersonalData(db: Queryable, workshop: { id: string; title: string }, now: Date): Promise<PersonalDataExport> {
	const [participants, board, waiting, owners, proxyNames] = await Promise.all([
		allParticipants(db, workshop.id),
		boardNotes(db, workshop.id),
		waitingHiddenNotes(db, workshop.id),
		readOwners(db, workshop.id),
		readProxyNames(db, workshop.id)
	]);
	return personalDataExport({ workshop, participants, board, waiting, owners, proxyNames, now });
}

/**
 * Erases one participant's name, age band, gender and e-mail now and ends their sessions and
 * open connections everywhere. Callers check who asks (the participant themself, or a
 * facilitator with `participants.manage`). Null when there is no such unerased participant.
 */
export async function eraseParticipant(s: Services, workshopId: string, participantId: string): Promise<Participant | null> {
	const p = await findParticipant(s.db, participantId);
	if (!p || p.workshopId !== workshopId || p.erasedAt !== null) return null;
	if (!(await eraseParticipantData(s.db, workshopId, p.id, new Date()))) return null;
	await s.connections?.participantRemoved(workshopId, p.id);
	return p;
}
