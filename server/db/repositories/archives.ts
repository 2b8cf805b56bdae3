import type { Db, Queryable } from '../db.ts';
import type { Report } from '../../../src/lib/domain/report/report.ts';
import { createWorkshop } from './workshops.ts';

/** Makes a read-only archived workshop from a checked report; its importer is its facilitator. Returns its id. */
export async function createArchive(db: Db, input: { report: Report; facilitatorId: string }): Promise<string> {
	return db.transaction(async (tx) => {
		const workshop = await createWorkshop(tx, { title: input.report.workshop.title, facilitatorId: input.facilitatorId, locale: input.report.locale });
		await tx.query(`UPDATE workshop SET status = 'archived' WHERE id = $1`, [workshop.id]);
		await tx.query('INSERT INTO workshop_archive (workshop_id, report, imported_by) VALUES ($1, $2, $3)', [workshop.id, JSON.stringify(input.report), input.facilitatorId]);
		return workshop.id;
	});
}

/** The report an archived workshop was made from, as imported; null for any other workshop. */
export async function readArchivedReport(db: Queryable, workshopId: string): Promise<Report | null> {
	const rows = await db.query<{ report: string }>('SELECT report FROM workshop_archive WHERE workshop_id = $1', [workshopId]);
	return rows[0] ? (JSON.parse(rows[0].report) as Report) : null;
}
