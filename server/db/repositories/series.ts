import type { Queryable } from '../db.ts';
import { newId } from '../../auth/tokens.ts';
import type { Template } from '../../../src/lib/domain/templates/schema.ts';

/** A series of linked workshops and the sessions already made. */
export interface Series {
	id: string;
	title: string;
	createdBy: string;
	locale: string;
	template: Template;
	createdAt: Date;
	workshops: SeriesWorkshop[];
}

export interface SeriesWorkshop {
	sessionKey: string;
	workshopId: string;
	title: string;
	createdAt: Date;
}

export async function createSeries(
	tx: Queryable,
	input: { title: string; createdBy: string; locale: string; template: Template }
): Promise<string> {
	const id = newId();
	await tx.query(`INSERT INTO series (id, title, created_by, locale, template) VALUES ($1, $2, $3, $4, $5::text::jsonb)`, [
		id,
		input.title,
		input.createdBy,
		input.locale,
		JSON.stringify(input.template)
	]);
	return id;
}

/** Records a workshop as one session; false when that session already has its workshop. */
export async function addSeriesWorkshop(tx: Queryable, seriesId: string, workshopId: string, sessionKey: string): Promise<boolean> {
	const rows = await tx.query(
		`INSERT INTO series_workshop (series_id, workshop_id, session_key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
		[seriesId, workshopId, sessionKey]
	);
	return rows.length > 0;
}

export async function findSeries(db: Queryable, id: string): Promise<Series | null> {
	const rows = await db.query<{ id: string; title: string; created_by: string; locale: string; template: Template | string; created_at: Date | string }>(
		'SELECT id, title, created_by, locale, template, created_at FROM series WHERE id = $1',
		[id]
	);
	const r = rows[0];
	if (!r) return null;
	const workshops = await db.query<{ session_key: string; workshop_id: string; title: string; created_at: Date | string }>(
		`SELECT s.session_key, s.workshop_id, w.title, w.created_at FROM series_workshop s JOIN workshop w ON w.id = s.workshop_id
		 WHERE s.series_id = $1 ORDER BY w.created_at, w.id`,
		[id]
	);
	return {
		id: r.id,
		title: r.title,
		createdBy: r.created_by,
		locale: r.locale,
		template: typeof r.template === 'string' ? (JSON.parse(r.template) as Template) : r.template,
		createdAt: new Date(r.created_at),
		workshops: workshops.map((w) => ({ sessionKey: w.session_key, workshopId: w.workshop_id, title: w.title, createdAt: new Date(w.created_at) }))
	};
}

/** The series a workshop belongs to, if any. */
export async function seriesOfWorkshop(db: Queryable, workshopId: string): Promise<{ seriesId: string; sessionKey: string } | null> {
	const rows = await db.query<{ series_id: string; session_key: string }>(
		'SELECT series_id, session_key FROM series_workshop WHERE workshop_id = $1',
		[workshopId]
	);
	return rows[0] ? { seriesId: rows[0].series_id, sessionKey: rows[0].session_key } : null;
}

/** True when the facilitator began the series or facilitates one of its workshops. */
export async function canSeeSeries(db: Queryable, seriesId: string, facilitatorId: string): Promise<boolean> {
	const rows = await db.query(
		`SELECT 1 FROM series WHERE id = $1 AND created_by = $2
		 UNION ALL
		 SELECT 1 FROM series_workshop s JOIN workshop_facilitator f ON f.workshop_id = s.workshop_id
		 WHERE s.series_id = $1 AND f.facilitator_id = $2 LIMIT 1`,
		[seriesId, facilitatorId]
	);
	return rows.length > 0;
}

/** For each of these workshops that belongs to a series: the series' id and title. */
export async function seriesOfWorkshops(db: Queryable, workshopIds: readonly string[]): Promise<Map<string, { id: string; title: string }>> {
	if (workshopIds.length === 0) return new Map();
	const rows = await db.query<{ workshop_id: string; id: string; title: string }>(
		`SELECT sw.workshop_id, s.id, s.title FROM series_workshop sw JOIN series s ON s.id = sw.series_id
		 WHERE sw.workshop_id = ANY($1::text[])`,
		[workshopIds]
	);
	return new Map(rows.map((r) => [r.workshop_id, { id: r.id, title: r.title }]));
}
