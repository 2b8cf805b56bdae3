import type { Queryable } from '../db.ts';
import { newId } from '../../auth/tokens.ts';
import type { Template } from '../../../src/lib/domain/templates/schema.ts';
import type { Visibility } from '../../../src/lib/domain/templates/access.ts';

/** A saved template and who may see it. */
export interface StoredTemplate {
	id: string;
	ownerId: string;
	ownerName: string;
	organisationId: string | null;
	organisationName: string | null;
	visibility: Visibility;
	body: Template;
	createdAt: Date;
	updatedAt: Date;
}

interface Row {
	id: string;
	owner_id: string;
	owner_name: string;
	organisation_id: string | null;
	organisation_name: string | null;
	visibility: Visibility;
	body: Template | string;
	created_at: Date | string;
	updated_at: Date | string;
}
// Bodies are validated before every write (src/lib/domain/templates), so reading trusts them.
const toTemplate = (r: Row): StoredTemplate => ({
	id: r.id,
	ownerId: r.owner_id,
	ownerName: r.owner_name,
	organisationId: r.organisation_id,
	organisationName: r.organisation_name,
	visibility: r.visibility,
	body: typeof r.body === 'string' ? (JSON.parse(r.body) as Template) : r.body,
	createdAt: new Date(r.created_at),
	updatedAt: new Date(r.updated_at)
});

const SELECT = `SELECT t.id, t.owner_id, f.display_name AS owner_name, t.organisation_id, o.name AS organisation_name,
	t.visibility, t.body, t.created_at, t.updated_at
	FROM template t JOIN facilitator f ON f.id = t.owner_id LEFT JOIN organisation o ON o.id = t.organisation_id`;

export interface TemplateSharing {
	organisationId: string | null;
	visibility: Visibility;
}

export async function createTemplate(
	db: Queryable,
	input: { ownerId: string; body: Template } & TemplateSharing
): Promise<string> {
	const id = newId();
	await db.query(
		`INSERT INTO template (id, owner_id, organisation_id, visibility, body) VALUES ($1, $2, $3, $4, $5::text::jsonb)`,
		[id, input.ownerId, input.organisationId, input.visibility, JSON.stringify(input.body)]
	);
	return id;
}

export async function findTemplate(db: Queryable, id: string): Promise<StoredTemplate | null> {
	const rows = await db.query<Row>(`${SELECT} WHERE t.id = $1`, [id]);
	return rows[0] ? toTemplate(rows[0]) : null;
}

/** A facilitator's own templates and those shared in their organisations, most recently changed first. */
export async function visibleTemplates(db: Queryable, facilitatorId: string): Promise<StoredTemplate[]> {
	const rows = await db.query<Row>(
		`${SELECT} WHERE t.owner_id = $1 OR (t.visibility = 'organisation' AND t.organisation_id IN
		   (SELECT organisation_id FROM membership WHERE facilitator_id = $1))
		 ORDER BY t.updated_at DESC, t.id`,
		[facilitatorId]
	);
	return rows.map(toTemplate);
}

export async function updateTemplateBody(db: Queryable, id: string, body: Template): Promise<void> {
	await db.query(`UPDATE template SET body = $2::text::jsonb, updated_at = now() WHERE id = $1`, [id, JSON.stringify(body)]);
}

export async function updateTemplateSharing(db: Queryable, id: string, sharing: TemplateSharing): Promise<void> {
	await db.query(`UPDATE template SET organisation_id = $2, visibility = $3, updated_at = now() WHERE id = $1`, [
		id,
		sharing.organisationId,
		sharing.visibility
	]);
}

export async function deleteTemplate(db: Queryable, id: string): Promise<void> {
	await db.query('DELETE FROM template WHERE id = $1', [id]);
}
