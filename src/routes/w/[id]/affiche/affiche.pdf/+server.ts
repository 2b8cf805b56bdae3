import type { RequestHandler } from './$types';
import { services } from '$server/services';
import { readableAffiche } from '$lib/server/affiche-access';
import { affichePdf } from '$server/affiche/render';

/** The poster as a one-page PDF (A4, or A3 with ?size=A3): public once published, facilitators' before. */
export const GET: RequestHandler = async ({ params, locals, url }) => {
	const { affiche, t } = await readableAffiche(services(), params.id, locals.facilitator?.id);
	const pdf = await affichePdf(affiche, t, url.searchParams.get('size') === 'A3' ? 'A3' : 'A4');
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="affiche-v${affiche.version}.pdf"`,
			'cache-control': 'private, no-store'
		}
	});
};
