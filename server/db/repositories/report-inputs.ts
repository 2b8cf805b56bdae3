import type { Queryable } from '../db.ts';
import type { Category } from '../../../src/lib/domain/workshop/categories.ts';
import { isAgeBand, isGender, type AgeBand, type Gender } from '../../../src/lib/domain/workshop/panel.ts';
import type { ErasedAnswers } from '../../../src/lib/domain/report/report.ts';

/**
 * What the report counts of the people who took part: collège, age band and gender, never a
 * name (the report is read far beyond the room). A participant whose data was erased (by
 * themselves, a facilitator or the retention job) took part and is counted; one a facilitator
 * removed (a phone joined by mistake, someone outside the panel) is not, as on the
 * facilitator's list. Erasing a current participant stamps removed_at and erased_at with the
 * same moment, which tells it from a removal (see eraseParticipantData).
 */
export async function readParticipantProfiles(
	db: Queryable,
	workshopId: string
): Promise<{ category: Category; ageBand: AgeBand | null; gender: Gender | null }[]> {
	const rows = await db.query<{ category: Category; age_band: AgeBand | null; gender: Gender | null }>(
		`SELECT category, age_band, gender FROM participant
		 WHERE workshop_id = $1 AND (removed_at IS NULL OR removed_at = erased_at) ORDER BY created_at, id`,
		[workshopId]
	);
	return rows.map((r) => ({ category: r.category, ageBand: r.age_band, gender: r.gender }));
}

/** How many of the counted participants whose data was erased had given each age band and gender. */
export async function readErasedAnswers(db: Queryable, workshopId: string): Promise<ErasedAnswers> {
	const rows = await db.query<{ question: string; answer: string; n: number | string }>(
		'SELECT question, answer, n FROM erased_answer_count WHERE workshop_id = $1',
		[workshopId]
	);
	const erased: ErasedAnswers = { ageBands: {}, genders: {} };
	for (const r of rows) {
		if (r.question === 'age_band' && isAgeBand(r.answer)) erased.ageBands[r.answer] = Number(r.n);
		if (r.question === 'gender' && isGender(r.answer)) erased.genders[r.answer] = Number(r.n);
	}
	return erased;
}

/** The display names of a workshop's facilitators, the creator first. */
export async function readFacilitatorNames(db: Queryable, workshopId: string): Promise<string[]> {
	const rows = await db.query<{ display_name: string }>(
		`SELECT f.display_name FROM workshop_facilitator wf JOIN facilitator f ON f.id = wf.facilitator_id
		 JOIN workshop w ON w.id = wf.workshop_id
		 WHERE wf.workshop_id = $1 ORDER BY (f.id = w.created_by) DESC, f.display_name, f.id`,
		[workshopId]
	);
	return rows.map((r) => r.display_name);
}
