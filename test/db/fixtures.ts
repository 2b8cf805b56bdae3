import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../server/db/db.ts';
import { createFacilitator, type Facilitator } from '../../server/db/repositories/facilitators.ts';
import { createWorkshop, type Workshop } from '../../server/db/repositories/workshops.ts';
import { createParticipant, type Participant } from '../../server/db/repositories/participants.ts';
import type { Category } from '../../src/lib/domain/workshop/categories.ts';

/**
 * Rows for the contract suites. Suites share one database per engine, so every row gets a
 * unique e-mail or title and no test relies on the table being empty. The password hash is a
 * placeholder: argon2 costs ~100 ms and these suites never sign in.
 */
export const unique = (prefix: string) => `${prefix}-${randomBytes(5).toString('hex')}`;

export async function aFacilitator(db: Queryable, name = 'Camille'): Promise<Facilitator> {
	const f = await createFacilitator(db, {
		email: `${unique(name.toLowerCase())}@example.fr`,
		passwordHash: 'not-a-real-hash',
		displayName: name,
		locale: 'fr'
	});
	if (!f) throw new Error('facilitator e-mail collision');
	return f;
}

export async function aWorkshop(db: Queryable, facilitatorId?: string): Promise<Workshop> {
	const owner = facilitatorId ?? (await aFacilitator(db)).id;
	return createWorkshop(db, { title: unique('Atelier'), facilitatorId: owner });
}

export async function aParticipant(db: Queryable, workshopId: string, category: Category = 'usager'): Promise<Participant> {
	return createParticipant(db, { workshopId, displayName: 'Dominique', category });
}
