import type { Queryable } from '../db.ts';
import type { Placement, Placer, PriorityItem } from '../../../src/lib/domain/priorities/matrix.ts';

/** Where a placer puts an item in a priorities phase (placing again moves it). */
export async function setPlacement(tx: Queryable, workshopId: string, phaseId: string, p: Placement): Promise<void> {
	await tx.query(
		`INSERT INTO priority_placement (workshop_id, phase_id, placer_id, category, item_id, desirability, feasibility) VALUES ($1, $2, $3, $4, $5, $6, $7)
		 ON CONFLICT (workshop_id, phase_id, placer_id, item_id)
		 DO UPDATE SET category = EXCLUDED.category, desirability = EXCLUDED.desirability, feasibility = EXCLUDED.feasibility, updated_at = now()`,
		[workshopId, phaseId, p.placerId, p.category, p.itemId, p.desirability, p.feasibility]
	);
}

type PlacementRow = { placer_id: string; category: Placer; item_id: string; desirability: number; feasibility: number };
const toPlacement = (r: PlacementRow): Placement => ({ placerId: r.placer_id, category: r.category, itemId: r.item_id, desirability: r.desirability, feasibility: r.feasibility });

/** Every placement of a phase (one placer's only, with `placerId`). */
export async function readPlacements(db: Queryable, workshopId: string, phaseId: string, placerId?: string): Promise<Placement[]> {
	const rows = await db.query<PlacementRow>(
		`SELECT placer_id, category, item_id, desirability, feasibility FROM priority_placement
		 WHERE workshop_id = $1 AND phase_id = $2 AND ($3::text IS NULL OR placer_id = $3) ORDER BY placer_id, item_id`,
		[workshopId, phaseId, placerId ?? null]
	);
	return rows.map(toPlacement);
}

/** Replaces a phase's confirmed priorities by these, in this order. */
export async function confirmPriorities(tx: Queryable, workshopId: string, phaseId: string, items: readonly PriorityItem[]): Promise<void> {
	await tx.query('DELETE FROM priority WHERE workshop_id = $1 AND phase_id = $2', [workshopId, phaseId]);
	for (const [position, item] of items.entries())
		await tx.query('INSERT INTO priority (workshop_id, phase_id, item_id, position, label) VALUES ($1, $2, $3, $4, $5)', [workshopId, phaseId, item.id, position, item.label]);
}

/** A phase's confirmed priorities, first first. */
export async function readPriorities(db: Queryable, workshopId: string, phaseId: string): Promise<PriorityItem[]> {
	const rows = await db.query<{ item_id: string; label: string }>('SELECT item_id, label FROM priority WHERE workshop_id = $1 AND phase_id = $2 ORDER BY position', [
		workshopId,
		phaseId
	]);
	return rows.map((r) => ({ id: r.item_id, label: r.label }));
}

/** The priorities phases with any placement or confirmed priority (which the screens keep showing after the phase). */
export async function phasesWithPriorities(db: Queryable, workshopId: string): Promise<string[]> {
	const rows = await db.query<{ phase_id: string }>(
		'SELECT phase_id FROM priority_placement WHERE workshop_id = $1 UNION SELECT phase_id FROM priority WHERE workshop_id = $1',
		[workshopId]
	);
	return rows.map((r) => r.phase_id).sort();
}
