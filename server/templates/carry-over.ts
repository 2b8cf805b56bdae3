import * as Y from 'yjs';
import type { Db, Queryable } from '../db/db.ts';
import type { Room } from '../sync/room.ts';
import type { Rooms } from '../sync/rooms.ts';
import { findSeries, seriesOfWorkshop, type Series } from '../db/repositories/series.ts';
import { facilitatedAmong, findWorkshop } from '../db/repositories/workshops.ts';
import { loadDoc } from '../db/repositories/yjs-log.ts';
import { importedNoteIds, recordImported } from '../db/repositories/carried-notes.ts';
import { insertNote, notesOf, readNotes } from '../../src/lib/domain/board/notes.ts';
import { carriedNotes, type EarlierWorkshop } from '../../src/lib/domain/templates/carry-over.ts';
import { sourcesNotFacilitated } from '../../src/lib/domain/templates/series.ts';
import { LIVE_ORIGIN } from '../sync/origins.ts';

/*
 * Series carry-over: a later session of a series works from the notes of the sessions it
 * imports from. They come in when the session is created, again when it starts (its agenda's
 * first start: notes written in the earlier sessions meanwhile come too), and whenever a
 * facilitator asks. Each note comes once: the imported ids are recorded.
 */

/** The document of a workshop as stored (every instance writes its updates to the log within moments). */
export async function storedDoc(db: Queryable, workshopId: string): Promise<Y.Doc> {
	const stored = await loadDoc(db, workshopId);
	const doc = new Y.Doc();
	if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
	for (const u of stored.updates) Y.applyUpdate(doc, u);
	return doc;
}

/**
 * The earlier sessions a session of a series imports from, with their notes as they are now;
 * with `skip`, without those workshops (sessions the acting facilitator does not facilitate).
 */
export async function earlierSessions(db: Queryable, series: Series, sessionKey: string, skip: readonly string[] = []): Promise<EarlierWorkshop[]> {
	const session = series.template.sessions.find((s) => s.key === sessionKey);
	const earlier: EarlierWorkshop[] = [];
	for (const key of session?.importsFrom ?? []) {
		const made = series.workshops.find((w) => w.sessionKey === key);
		const w = made && !skip.includes(made.workshopId) ? await findWorkshop(db, made.workshopId) : null;
		if (!w) continue;
		const doc = await storedDoc(db, w.id);
		earlier.push({ workshopId: w.id, workshopTitle: w.title, sessionKey: key, notes: readNotes(doc) });
		doc.destroy();
	}
	return earlier;
}

/** The earlier sessions' workshops this facilitator may not read: they are not imported on their behalf. */
export async function sourcesOutsideRights(db: Queryable, workshopId: string, facilitatorId: string): Promise<string[]> {
	const place = await seriesOfWorkshop(db, workshopId);
	const series = place ? await findSeries(db, place.seriesId) : null;
	if (!place || !series) return [];
	const ids = series.workshops.map((w) => w.workshopId);
	return sourcesNotFacilitated(series.template, series.workshops, place.sessionKey, await facilitatedAmong(db, facilitatorId, ids));
}

/**
 * Imports into a loaded workshop's document the earlier sessions' notes it does not have yet,
 * from the sessions `facilitatorId` facilitates only (series rights follow the sessions'
 * rights); returns how many came. 0 for a workshop outside a series or a session that imports
 * nothing. The caller holds the room and waits for the log to store the change.
 */
export async function importInto(db: Db, room: Room, workshopId: string, now: number, facilitatorId: string): Promise<number> {
	const place = await seriesOfWorkshop(db, workshopId);
	const series = place ? await findSeries(db, place.seriesId) : null;
	if (!place || !series) return 0;
	const skip = await sourcesOutsideRights(db, workshopId, facilitatorId);
	const earlier = await earlierSessions(db, series, place.sessionKey, skip);
	if (earlier.length === 0) return 0;
	const imported = await importedNoteIds(db, workshopId);
	// A note in the document but not recorded (a crash between the two) is not imported again.
	notesOf(room.doc).forEach((_, id) => {
		if (id.startsWith('from-')) imported.add(id);
	});
	const notes = carriedNotes(earlier, now, { imported, boardSize: notesOf(room.doc).size });
	if (notes.length > 0) room.doc.transact(() => notes.forEach((n) => insertNote(room.doc, n)), LIVE_ORIGIN);
	await room.log.stored();
	await recordImported(
		db,
		workshopId,
		notes.map((n) => n.id)
	);
	return notes.length;
}

/**
 * The import of a session's first start: the earlier sessions' notes written since it was
 * created come in, from the sessions the facilitator who started it facilitates.
 */
export function importAtStart(deps: { db: Db; rooms: Rooms }, workshopId: string, now: number, facilitatorId: string): Promise<number> {
	return deps.rooms.with(workshopId, (room) => importInto(deps.db, room, workshopId, now, facilitatorId));
}
