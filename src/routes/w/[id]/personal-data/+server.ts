import type { RequestHandler } from './$types';
import { services } from '$server/services';
import { workshopOr404 } from '$lib/server/workshop-access';
import { requireRight } from '$lib/server/authorize';
import { exportPersonalData } from '$server/people/data-rights';

/**
 * Everything the workshop holds about people, as a JSON download, to answer an access request
 * (GDPR article 15). Facilitators of this workshop only: participants, observers and other
 * facilitators are refused (401/403) before anything is read.
 */
export const GET: RequestHandler = async ({ params, request }) => {
	const s = services();
	const workshop = await workshopOr404(s, params.id);
	await requireRight(s, workshop.id, request, 'participants.manage');
	const data = await exportPersonalData(s.db, workshop, new Date());
	return new Response(JSON.stringify(data, null, '\t'), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="concerto-personal-data-${workshop.id}.json"`,
			'cache-control': 'no-store'
		}
	});
};
