import type { RequestHandler } from './$types';
import { services } from '$server/services';
import { readableAffiche } from '$lib/server/affiche-access';
import { affichePng } from '$server/affiche/render';

/** The poster as an A4 image at 150 dpi, for a screen or a social post: public once published, facilitators' before. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const { affiche, t } = await readableAffiche(services(), params.id, locals.facilitator?.id);
	return new Response(new Uint8Array(affichePng(affiche, t)), {
		headers: {
			'content-type': 'image/png',
			'content-disposition': `attachment; filename="affiche-v${affiche.version}.png"`,
			'cache-control': 'private, no-store'
		}
	});
};
