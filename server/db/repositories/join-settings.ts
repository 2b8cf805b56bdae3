import type { Queryable } from '../db.ts';
import { DEFAULT_JOIN_SETTINGS, parseExpectedPanel, type JoinSettings } from '../../../src/lib/domain/workshop/panel.ts';

interface Row {
	join_open: boolean;
	ask_age_band: boolean;
	ask_gender: boolean;
	expected_panel: unknown;
}

/** A workshop's join settings; a workshop never configured gets the defaults (open, asks nothing). */
export async function getJoinSettings(db: Queryable, workshopId: string): Promise<JoinSettings> {
	const rows = await db.query<Row>('SELECT * FROM workshop_join WHERE workshop_id = $1', [workshopId]);
	const r = rows[0];
	if (!r) return structuredClone(DEFAULT_JOIN_SETTINGS);
	// postgres.js gives jsonb parsed; PGlite too — but a string is parsed rather than trusted.
	const panel = typeof r.expected_panel === 'string' ? JSON.parse(r.expected_panel) : r.expected_panel;
	return { open: r.join_open, askAgeBand: r.ask_age_band, askGender: r.ask_gender, expectedPanel: parseExpectedPanel(panel) };
}

/** Changes some settings, keeping the others. */
export async function updateJoinSettings(db: Queryable, workshopId: string, change: Partial<JoinSettings>): Promise<JoinSettings> {
	const next = { ...(await getJoinSettings(db, workshopId)), ...change };
	await db.query(
		`INSERT INTO workshop_join (workshop_id, join_open, ask_age_band, ask_gender, expected_panel, updated_at)
		 VALUES ($1, $2, $3, $4, $5::jsonb, now())
		 ON CONFLICT (workshop_id) DO UPDATE SET join_open = $2, ask_age_band = $3, ask_gender = $4, expected_panel = $5::jsonb, updated_at = now()`,
		[workshopId, next.open, next.askAgeBand, next.askGender, JSON.stringify(parseExpectedPanel(next.expectedPanel))]
	);
	return next;
}
