import { error } from '@sveltejs/kit';
import type { Services } from './services.ts';
import { findWorkshop, type Workshop } from '$server/db/repositories/workshops';

// Workshop ids are 16 base32 characters (server/auth/tokens.ts newId); anything else is no workshop.
const WORKSHOP_ID = /^[a-z2-7]{16}$/;

/** The workshop named in a URL, or a 404 page. */
export async function workshopOr404(s: Services, id: string): Promise<Workshop> {
	const workshop = WORKSHOP_ID.test(id) ? await findWorkshop(s.db, id) : null;
	if (!workshop) error(404, { message: 'unknown workshop', code: 'not_found' });
	return workshop;
}
