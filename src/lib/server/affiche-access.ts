import { error } from '@sveltejs/kit';
import type { Services } from '$server/services';
import { isFacilitatorOf } from '$server/db/repositories/workshops';
import { readAffiche } from '$server/db/repositories/affiches';
import type { Affiche } from '$lib/domain/affiche/affiche';
import { translator, isLocale, DEFAULT_LOCALE, type Translate } from '$lib/i18n';
import { workshopOr404 } from './workshop-access';

/**
 * The affiche of a print page or a file: public once published (the restitution shows it),
 * facilitators only before (a draft is not the room's word yet). Labels in the workshop's language.
 */
export async function readableAffiche(s: Services, id: string, facilitatorId: string | undefined): Promise<{ affiche: Affiche; t: Translate; title: string }> {
	const workshop = await workshopOr404(s, id);
	const affiche = await readAffiche(s.db, workshop.id);
	const facilitator = facilitatorId !== undefined && (await isFacilitatorOf(s.db, workshop.id, facilitatorId));
	// The same answer for "no affiche" and "not yours yet": a draft's existence is not public either.
	if (!affiche || (affiche.status !== 'published' && !facilitator)) error(404, { message: 'no published affiche', code: 'not_found' });
	return { affiche, t: translator(isLocale(workshop.locale) ? workshop.locale : DEFAULT_LOCALE), title: workshop.title };
}
