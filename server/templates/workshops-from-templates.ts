import * as Y from 'yjs';
import type { Db } from '../db/db.ts';
import { createWorkshop, type Workshop } from '../db/repositories/workshops.ts';
import { readAgenda, saveAgenda } from '../db/repositories/agenda.ts';
import { saveOwners } from '../db/repositories/decisions.ts';
import type { Owner } from '../../src/lib/domain/decisions/decision.ts';
import { addSeriesWorkshop, createSeries, type Series } from '../db/repositories/series.ts';
import { appendUpdate } from '../db/repositories/yjs-log.ts';
import { recordImported } from '../db/repositories/carried-notes.ts';
import { insertNote } from '../../src/lib/domain/board/notes.ts';
import type { Template, TemplateLocale } from '../../src/lib/domain/templates/schema.ts';
import { agendaOf, isSeries, templateFromAgenda } from '../../src/lib/domain/templates/instantiate.ts';
import { carriedNotes } from '../../src/lib/domain/templates/carry-over.ts';
import { earlierSessions } from './carry-over.ts';
import type { TemplateResult } from '../../src/lib/domain/templates/validate.ts';
import { WORKSHOP_TITLE_MAX } from '../../src/lib/domain/workshop/categories.ts';

const sessionTitle = (title: string, session: string) => `${title} – ${session}`.slice(0, WORKSHOP_TITLE_MAX);

/**
 * Creates a workshop from a template, its agenda in the workshop's language. A series
 * template starts a series and creates its first session; the later ones are created from
 * the series page when their time comes.
 */
export async function createWorkshopFromTemplate(
	db: Db,
	input: { facilitatorId: string; title: string; locale: TemplateLocale; template: Template; owners?: readonly Owner[] }
): Promise<{ workshop: Workshop; seriesId: string | null }> {
	const { template, locale } = input;
	const first = template.sessions[0];
	return db.transaction(async (tx) => {
		if (!isSeries(template)) {
			const workshop = await createWorkshop(tx, { title: input.title, facilitatorId: input.facilitatorId, locale });
			await saveAgenda(tx, workshop.id, agendaOf(first, locale));
			if (input.owners?.length) await saveOwners(tx, workshop.id, input.owners);
			return { workshop, seriesId: null };
		}
		const seriesId = await createSeries(tx, { title: input.title, createdBy: input.facilitatorId, locale, template });
		const workshop = await createWorkshop(tx, {
			title: sessionTitle(input.title, first.title[locale]),
			facilitatorId: input.facilitatorId,
			locale
		});
		await saveAgenda(tx, workshop.id, agendaOf(first, locale));
		if (input.owners?.length) await saveOwners(tx, workshop.id, input.owners);
		await addSeriesWorkshop(tx, seriesId, workshop.id, first.key);
		return { workshop, seriesId };
	});
}

export class SessionTaken extends Error {
	override name = 'SessionTaken';
}

/**
 * Creates the workshop of a later session of a series. It starts with the notes of the
 * earlier sessions it imports from (qualities, proposals…), each marked with its origin;
 * those written later come in when it starts, or when a facilitator re-imports (./carry-over.ts).
 * The new workshop has no document yet and nobody can be connected to it, so its first
 * state is written straight into its update log, in the same transaction.
 */
export async function createSeriesSession(
	db: Db,
	input: { series: Series; sessionKey: string; facilitatorId: string; now: number }
): Promise<Workshop> {
	const { series } = input;
	const locale = series.locale as TemplateLocale;
	const session = series.template.sessions.find((s) => s.key === input.sessionKey);
	if (!session) throw new Error(`no session ${input.sessionKey} in series ${series.id}`);
	const earlier = await earlierSessions(db, series, session.key);
	return db.transaction(async (tx) => {
		const workshop = await createWorkshop(tx, {
			title: sessionTitle(series.title, session.title[locale]),
			facilitatorId: input.facilitatorId,
			locale
		});
		if (!(await addSeriesWorkshop(tx, series.id, workshop.id, session.key))) throw new SessionTaken(session.key);
		await saveAgenda(tx, workshop.id, agendaOf(session, locale));
		const notes = carriedNotes(earlier, input.now);
		if (notes.length > 0) {
			const doc = new Y.Doc();
			for (const n of notes) insertNote(doc, n);
			await appendUpdate(tx, workshop.id, Y.encodeStateAsUpdate(doc));
			await recordImported(
				tx,
				workshop.id,
				notes.map((n) => n.id)
			);
			doc.destroy();
		}
		return workshop;
	});
}

/** The template a workshop's current agenda makes (validated; problems say what is missing). */
export async function templateOfWorkshop(db: Db, workshop: Workshop, name: string, description = ''): Promise<TemplateResult> {
	return templateFromAgenda({ name, description, phases: await readAgenda(db, workshop.id) });
}
