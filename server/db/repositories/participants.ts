import type { Queryable } from '../db.ts';
import { newId } from '../../auth/tokens.ts';
import type { Category } from '../../../src/lib/domain/workshop/categories.ts';

export interface Participant {
	id: string;
	workshopId: string;
	displayName: string;
	category: Category;
	role: 'participant' | 'editor';
}

interface Row {
	id: string;
	workshop_id: string;
	display_name: string;
	category: Category;
	role: Participant['role'];
}
const toParticipant = (r: Row): Participant => ({
	id: r.id,
	workshopId: r.workshop_id,
	displayName: r.display_name,
	category: r.category,
	role: r.role
});

export async function createParticipant(
	db: Queryable,
	input: { workshopId: string; displayName: string; category: Category }
): Promise<Participant> {
	const rows = await db.query<Row>(
		'INSERT INTO participant (id, workshop_id, display_name, category) VALUES ($1, $2, $3, $4) RETURNING *',
		[newId(), input.workshopId, input.displayName, input.category]
	);
	return toParticipant(rows[0]);
}

export async function findParticipant(db: Queryable, id: string): Promise<Participant | null> {
	const rows = await db.query<Row>('SELECT * FROM participant WHERE id = $1', [id]);
	return rows[0] ? toParticipant(rows[0]) : null;
}
