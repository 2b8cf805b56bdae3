import type { Queryable } from '../db.ts';
import { newId } from '../../auth/tokens.ts';

export interface Organisation {
	id: string;
	name: string;
	memberCount: number;
}

/** An organisation's settings, read by its page. */
export interface OrganisationSettings {
	/** Who created it: the one who may change its data rules (its admin). */
	createdBy: string;
	/** Months its workshops keep participants' personal data; null means the instance's default. */
	participantRetentionMonths: number | null;
}

/** Bounds of the retention period an organisation may set, in months. */
export const RETENTION_MONTHS_MIN = 1;
export const RETENTION_MONTHS_MAX = 120;

export interface Member {
	id: string;
	displayName: string;
	email: string;
}

/** Creates an organisation with its creator as first member. Run in a transaction. */
export async function createOrganisation(tx: Queryable, input: { name: string; creatorId: string }): Promise<Organisation> {
	const id = newId();
	await tx.query('INSERT INTO organisation (id, name, created_by) VALUES ($1, $2, $3)', [id, input.name, input.creatorId]);
	await tx.query('INSERT INTO membership (organisation_id, facilitator_id) VALUES ($1, $2)', [id, input.creatorId]);
	return { id, name: input.name, memberCount: 1 };
}

/** The organisations a facilitator belongs to, by name. */
export async function organisationsOf(db: Queryable, facilitatorId: string): Promise<Organisation[]> {
	const rows = await db.query<{ id: string; name: string; members: string | number }>(
		`SELECT o.id, o.name, (SELECT count(*) FROM membership x WHERE x.organisation_id = o.id) AS members
		 FROM organisation o JOIN membership m ON m.organisation_id = o.id
		 WHERE m.facilitator_id = $1 ORDER BY lower(o.name), o.id`,
		[facilitatorId]
	);
	return rows.map((r) => ({ id: r.id, name: r.name, memberCount: Number(r.members) }));
}

export async function findOrganisation(db: Queryable, id: string): Promise<Organisation | null> {
	const rows = await db.query<{ id: string; name: string; members: string | number }>(
		`SELECT o.id, o.name, (SELECT count(*) FROM membership x WHERE x.organisation_id = o.id) AS members
		 FROM organisation o WHERE o.id = $1`,
		[id]
	);
	return rows[0] ? { id: rows[0].id, name: rows[0].name, memberCount: Number(rows[0].members) } : null;
}

export async function isMember(db: Queryable, organisationId: string, facilitatorId: string): Promise<boolean> {
	const rows = await db.query('SELECT 1 FROM membership WHERE organisation_id = $1 AND facilitator_id = $2', [
		organisationId,
		facilitatorId
	]);
	return rows.length > 0;
}

export async function membersOf(db: Queryable, organisationId: string): Promise<Member[]> {
	const rows = await db.query<{ id: string; display_name: string; email: string }>(
		`SELECT f.id, f.display_name, f.email FROM facilitator f JOIN membership m ON m.facilitator_id = f.id
		 WHERE m.organisation_id = $1 ORDER BY lower(f.display_name), f.id`,
		[organisationId]
	);
	return rows.map((r) => ({ id: r.id, displayName: r.display_name, email: r.email }));
}

/** Adds a member; false when they already were one. */
export async function addMember(db: Queryable, organisationId: string, facilitatorId: string): Promise<boolean> {
	const rows = await db.query(
		`INSERT INTO membership (organisation_id, facilitator_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`,
		[organisationId, facilitatorId]
	);
	return rows.length > 0;
}

export async function organisationSettings(db: Queryable, id: string): Promise<OrganisationSettings | null> {
	const rows = await db.query<{ created_by: string; participant_retention_months: number | string | null }>(
		'SELECT created_by, participant_retention_months FROM organisation WHERE id = $1',
		[id]
	);
	const r = rows[0];
	if (!r) return null;
	return { createdBy: r.created_by, participantRetentionMonths: r.participant_retention_months === null ? null : Number(r.participant_retention_months) };
}

/** Sets (or with null, resets to the default) how long the organisation's workshops keep participants' personal data. */
export async function setRetentionMonths(db: Queryable, id: string, months: number | null): Promise<void> {
	await db.query('UPDATE organisation SET participant_retention_months = $2 WHERE id = $1', [id, months]);
}
