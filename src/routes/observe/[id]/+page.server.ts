import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { services } from '$server/services';
import { workshopOr404 } from '$lib/server/workshop-access';
import { requireRight } from '$lib/server/authorize';

/** The read-only view an observer link leads to (the projector page will be another view on the same rights). */
export const load: PageServerLoad = async ({ params, request }) => {
	const s = services();
	const workshop = await workshopOr404(s, params.id);
	if (!request.headers.get('cookie')) redirect(303, '/');
	await requireRight(s, workshop.id, request, 'sync.read');
	return { workshop: { id: workshop.id, title: workshop.title } };
};
