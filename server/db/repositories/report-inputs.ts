import type { Queryable } from '../db.ts';
import type { Category } from '../../../src/lib/domain/workshop/categories.ts';
import type { AgeBand, Gender } from '../../../src/lib/domain/workshop/panel.ts';

/**
 * What the report counts of the people who took part: collège, age band and gender, never a
 * name (the report is read far beyond the room). Removed participants are left out, as on
 * the facilitator's list: a facilitator removes someone who should not have been counted.
 */
export async function readParticipantProfiles(
	db: Queryable,
	workshopId: string
): Promise<{ category: Category; ageBand: AgeBand | null; gender: Gender | null }[]> {
	const rows = await db.query<{ category: Category; age_band: AgeBand | null; gender: Gender | null }>(
		'SELECT category, age_band, gender FROM participant WHERE workshop_id = $1 AND removed_at IS NULL ORDER BY created_at, id',
		[workshopId]
	);
	return rows.map((r) => ({ category: r.category, ageBand: r.age_band, gender: r.gender }));
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
